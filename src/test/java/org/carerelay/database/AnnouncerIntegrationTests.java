package org.carerelay.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.carerelay.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AnnouncerIntegrationTests {

    /** Registered at startup by the inbox; any registered channel will do. */
    static final String CHANNEL = "carerelay_inbox";

    @Autowired
    Announcer announcer;
    @Autowired
    DatabaseNotifications notifications;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void anAnnouncementReachesSubscribersOnceItsTransactionCommitsAndOnceForRepeats() throws Exception {
        String key = UUID.randomUUID().toString();
        AtomicInteger heard = new AtomicInteger();
        try (AutoCloseable subscription = notifications.subscribe(CHANNEL, key, heard::incrementAndGet)) {
            transactions.executeWithoutResult(status -> {
                announcer.afterCommit(CHANNEL, key);
                announcer.afterCommit(CHANNEL, key);
                pause(Duration.ofMillis(300));
                assertThat(heard).as("nothing is sent before the commit").hasValue(0);
            });

            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard).hasValue(1));
        }
    }

    @Test
    void aRolledBackTransactionAnnouncesNothing() throws Exception {
        String rolledBack = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();
        AtomicInteger heard = new AtomicInteger();
        AtomicInteger heardCommitted = new AtomicInteger();
        try (AutoCloseable one = notifications.subscribe(CHANNEL, rolledBack, heard::incrementAndGet);
                AutoCloseable two = notifications.subscribe(CHANNEL, committed, heardCommitted::incrementAndGet)) {
            transactions.executeWithoutResult(status -> {
                announcer.afterCommit(CHANNEL, rolledBack);
                status.setRollbackOnly();
            });
            announcer.afterCommit(CHANNEL, committed); // no transaction: sent at once, and after the first

            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heardCommitted)
                    .hasValue(1));
            assertThat(heard).hasValue(0);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
