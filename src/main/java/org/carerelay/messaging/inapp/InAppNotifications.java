package org.carerelay.messaging.inapp;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the portal pages open anywhere that a patient has a new in-app message. The delivering transaction sends a
 * PostgreSQL NOTIFY (sent at commit, never for a rollback); every node LISTENs on one connection of its own and
 * wakes the subscribers it holds for that patient. So a patient connected to node A hears of a message that node
 * B's worker delivered. The payload is ids only.
 */
@Component
@ConditionalOnWebApplication
public class InAppNotifications implements SmartLifecycle {

    static final String CHANNEL = "carerelay_in_app";
    private static final Logger log = LoggerFactory.getLogger(InAppNotifications.class);

    private final DataSource dataSource;
    private final Map<UUID, Set<Runnable>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread listener;

    InAppNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Within the delivering transaction: announces delivery {@code delivery} to its patient's open pages. */
    public static void announce(JdbcClient jdbc, UUID delivery) {
        jdbc.sql("""
                SELECT pg_notify(:channel, m.patient_id::text) FROM delivery d JOIN message m ON m.id = d.message_id
                WHERE d.id = :delivery AND m.patient_id IS NOT NULL""")
                .param("channel", CHANNEL)
                .param("delivery", delivery)
                .query((java.sql.ResultSet rs) -> {
                });
    }

    /** Calls {@code onMessage} for each new in-app message of {@code patient} until the returned handle closes. */
    public AutoCloseable subscribe(UUID patient, Runnable onMessage) {
        subscribers.computeIfAbsent(patient, key -> new CopyOnWriteArraySet<>()).add(onMessage);
        return () -> subscribers.computeIfPresent(patient, (key, set) -> {
            set.remove(onMessage);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "in-app-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Holds one connection LISTENing; reconnects after a failure (a database restart). */
    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(1_000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            wake(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("In-app notifications lost their database connection; reconnecting");
                    sleepBeforeRetry();
                }
            }
        }
    }

    private void wake(String patient) {
        Set<Runnable> waiting = subscribers.get(UUID.fromString(patient));
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    private void sleepBeforeRetry() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
