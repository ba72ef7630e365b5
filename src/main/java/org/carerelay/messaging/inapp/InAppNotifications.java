package org.carerelay.messaging.inapp;

import java.util.UUID;

import org.carerelay.database.Announcer;
import org.carerelay.database.DatabaseNotifications;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the portal pages open anywhere that a patient has a new in-app message, through
 * {@link DatabaseNotifications}: a patient connected to node A hears of a message that node B's worker delivered.
 */
@Component
@ConditionalOnWebApplication
public class InAppNotifications {

    static final String CHANNEL = "carerelay_in_app";

    private final DatabaseNotifications notifications;

    InAppNotifications(DatabaseNotifications notifications) {
        this.notifications = notifications;
        notifications.register(CHANNEL);
    }

    /** Within the delivering transaction: announces delivery {@code delivery} to its patient's open pages. */
    public static void announce(JdbcClient jdbc, Announcer announcer, UUID delivery) {
        jdbc.sql("""
                SELECT m.patient_id FROM delivery d JOIN message m ON m.id = d.message_id
                WHERE d.id = :delivery AND m.patient_id IS NOT NULL""")
                .param("delivery", delivery)
                .query(UUID.class)
                .optional()
                .ifPresent(patient -> announcer.afterCommit(CHANNEL, patient.toString()));
    }

    /** Calls {@code onMessage} for each new in-app message of {@code patient} until the returned handle closes. */
    public AutoCloseable subscribe(UUID patient, Runnable onMessage) {
        return notifications.subscribe(CHANNEL, patient.toString(), onMessage);
    }
}
