package org.carerelay.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.dispatch.DeliveryContent;
import org.carerelay.messaging.inapp.InAppNotifications;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The messages a patient reads in the portal, and word of new ones as they arrive. */
@Service
public class InAppMessages {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final ObjectProvider<InAppNotifications> notifications;
    private final DeliveryContent content;

    InAppMessages(JdbcClient jdbc, AuditLog auditLog, ObjectProvider<InAppNotifications> notifications,
            DeliveryContent content) {
        this.jdbc = jdbc;
        this.content = content;
        this.auditLog = auditLog;
        this.notifications = notifications;
    }

    /** The patient's latest delivered in-app messages, newest first: a PHI access by {@code caller}, audited. */
    @Transactional
    public List<InAppMessage> latest(Caller caller, PatientId patient, int limit) {
        List<InAppMessage> messages = jdbc.sql("""
                SELECT d.id, d.subject, d.body_text, d.updated_at FROM delivery d JOIN message m ON m.id = d.message_id
                WHERE d.practice_id = :practice AND m.patient_id = :patient AND d.channel = 'IN_APP'
                  AND d.status = 'DELIVERED'
                ORDER BY d.updated_at DESC, d.id LIMIT :limit""")
                .param("practice", caller.practice().value())
                .param("patient", patient.value())
                .param("limit", limit)
                .query((rs, n) -> new InAppMessage(new DeliveryId(rs.getObject("id", UUID.class)),
                        content.open(rs, "subject"), content.open(rs, "body_text"),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
        auditLog.record(AuditEvent.of(caller, "phi.in_app_messages.listed", AuditEvent.Target.of("patient", patient),
                Map.of("deliveries", messages.stream().map(InAppMessage::id).toList())));
        return messages;
    }

    /**
     * Calls {@code onMessage} (on a notification thread) whenever a new in-app message for {@code patient} is
     * delivered, on any node, until the returned handle is closed.
     */
    public AutoCloseable subscribe(PatientId patient, Runnable onMessage) {
        return notifications.getObject().subscribe(patient.value(), onMessage);
    }
}
