package org.carerelay.messaging.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.DeliveryId;
import org.carerelay.messaging.DeliveryStatus;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A delivery's timeline: every status it reaches is a {@code delivery_event} row and an audit event (status and
 * reason codes only), written in the transaction that changes the status.
 */
@Component
public class DeliveryLog {

    private final NamedParameterJdbcTemplate batch;
    private final AuditLog auditLog;
    private final Clock clock;

    DeliveryLog(NamedParameterJdbcTemplate batch, AuditLog auditLog, Clock clock) {
        this.batch = batch;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** A status a delivery reached, with its reason code (or null). */
    public record Entry(DeliveryId delivery, DeliveryStatus status, String reason) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(PracticeId practice, Actor actor, DeliveryId delivery, DeliveryStatus status, String reason) {
        recordAll(practice, actor, List.of(new Entry(delivery, status, reason)));
    }

    /** Many entries, in order, as one batch of rows. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(PracticeId practice, Actor actor, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        batch.batchUpdate("INSERT INTO delivery_event (practice_id, delivery_id, status, reason, occurred_at) "
                        + "VALUES (:practice, :delivery, :status, :reason, :now)",
                entries.stream().map(entry -> new MapSqlParameterSource()
                        .addValue("practice", practice.value())
                        .addValue("delivery", entry.delivery().value())
                        .addValue("status", entry.status().name())
                        .addValue("reason", entry.reason())
                        .addValue("now", now)).toArray(SqlParameterSource[]::new));
        for (Entry entry : entries) {
            Map<String, Object> payload = new HashMap<>();
            payload.put("status", entry.status());
            if (entry.reason() != null) {
                payload.put("reason", entry.reason());
            }
            auditLog.record(new AuditEvent(practice, actor, "delivery." + entry.status().name().toLowerCase(),
                    AuditEvent.Target.of("delivery", entry.delivery()), payload));
        }
    }
}
