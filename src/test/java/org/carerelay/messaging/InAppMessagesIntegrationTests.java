package org.carerelay.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.messaging.dispatch.DispatchWorker;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class InAppMessagesIntegrationTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    Messages messages;
    @Autowired
    InAppMessages inApp;
    @Autowired
    DispatchWorker worker;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDeliveredInAppMessageWakesThePatientsOpenPagesAndNobodyElses() throws Exception {
        PracticeId practice = TestPractices.register(context).id();
        Patient patient = TestPatients.register(context, practice, "en", PreferredChannel.PORTAL);
        Patient other = TestPatients.register(context, practice, "en", PreferredChannel.PORTAL);
        CountDownLatch woken = new CountDownLatch(1);
        AtomicInteger othersWoken = new AtomicInteger();
        try (AutoCloseable page = inApp.subscribe(patient.id(), woken::countDown);
                AutoCloseable otherPage = inApp.subscribe(other.id(), othersWoken::incrementAndGet)) {
            messages.send(practice, Actor.system("test"), new SendRequest(patient.id(), null, Channel.IN_APP,
                    "new-secure-message", DefaultTemplates.sample("new-secure-message"), Purpose.CARE, null, null));
            worker.dispatchDue();

            // Through PostgreSQL's NOTIFY at commit and this node's LISTEN connection.
            assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(othersWoken.get()).isZero();
        }

        Caller self = new Caller(practice, new Actor(Actor.Type.PATIENT, patient.id().toString()), "PATIENT", Set.of());
        var latest = inApp.latest(self, patient.id(), 20);
        assertThat(latest).hasSize(1);
        assertThat(latest.get(0).title()).isNotBlank();
        assertThat(latest.get(0).body()).isNotBlank();
        assertThat(inApp.latest(self, other.id(), 20)).isEmpty();
        AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE practice_id = :p AND action = 'phi.in_app_messages.listed'")
                .param("p", practice.value()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aClosedPageIsNotWokenAgain() throws Exception {
        PracticeId practice = TestPractices.register(context).id();
        Patient patient = TestPatients.register(context, practice, "en", PreferredChannel.PORTAL);
        AtomicInteger woken = new AtomicInteger();
        inApp.subscribe(patient.id(), woken::incrementAndGet).close();
        CountDownLatch control = new CountDownLatch(1);
        try (AutoCloseable page = inApp.subscribe(patient.id(), control::countDown)) {
            messages.send(practice, Actor.system("test"), new SendRequest(patient.id(), null, Channel.IN_APP,
                    "new-secure-message", Map.of("link", "https://example.test/m-" + UUID.randomUUID()), Purpose.CARE,
                    null, null));
            worker.dispatchDue();
            assertThat(control.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(woken.get()).isZero();
    }
}
