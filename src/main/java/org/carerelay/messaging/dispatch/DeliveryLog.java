package org.carerelay.messaging.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.DeliveryId;
import org.carerelay.messaging.DeliveryStatus;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A delivery's timeline: every status it reaches is a {@code delivery_event} row and an audit event (status and
 * reason codes only), written in the transaction that changes the status.
 */
@Component
public class DeliveryLog {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;

    DeliveryLog(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(PracticeId practice, Actor actor, DeliveryId delivery, DeliveryStatus status, String reason) {
        jdbc.sql("INSERT INTO delivery_event (practice_id, delivery_id, status, reason, occurred_at) "
                        + "VALUES (:practice, :delivery, :status, :reason, :now)")
                .param("practice", practice.value())
                .param("delivery", delivery.value())
                .param("status", status.name())
                .param("reason", reason)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        Map<String, Object> payload = new HashMap<>();
        payload.put("status", status);
        if (reason != null) {
            payload.put("reason", reason);
        }
        auditLog.record(new AuditEvent(practice, actor, "delivery." + status.name().toLowerCase(),
                AuditEvent.Target.of("delivery", delivery), payload));
    }
}
