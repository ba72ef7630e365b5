package org.carerelay.messaging.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import java.util.Map;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.DeliveryId;
import org.carerelay.messaging.DeliveryStatus;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What providers report after a send (delivered, bounced, failed), applied to the delivery they name by their own
 * message id. A final status is never overwritten, so receipts arriving out of order cannot undo each other.
 */
@Component
public class DeliveryReceipts {

    private static final Actor ACTOR = Actor.system("delivery-receipts");

    /** The delivery a provider's message id belongs to. */
    public record Sent(PracticeId practice, DeliveryId delivery, String channel, String recipient) {
    }

    private final JdbcClient jdbc;
    private final DeliveryLog deliveryLog;
    private final AuditLog auditLog;
    private final Clock clock;

    DeliveryReceipts(JdbcClient jdbc, DeliveryLog deliveryLog, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.deliveryLog = deliveryLog;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<Sent> find(String provider, String providerMessageId) {
        return jdbc.sql("SELECT practice_id, id, channel, recipient FROM delivery WHERE provider = :provider "
                        + "AND provider_message_id = :id")
                .param("provider", provider)
                .param("id", providerMessageId)
                .query((rs, n) -> new Sent(new PracticeId(rs.getObject("practice_id", UUID.class)),
                        new DeliveryId(rs.getObject("id", UUID.class)), rs.getString("channel"),
                        rs.getString("recipient")))
                .optional();
    }

    /** Puts the delivery's recipient on the practice's suppression list (a complaint, a hard bounce, an opt-out). */
    @Transactional
    public void suppress(Sent sent, String reason) {
        int added = jdbc.sql("INSERT INTO suppression (practice_id, channel, address, reason, created_at) "
                        + "VALUES (:practice, :channel, :address, :reason, :now) ON CONFLICT DO NOTHING")
                .param("practice", sent.practice().value())
                .param("channel", sent.channel())
                .param("address", sent.recipient())
                .param("reason", reason)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (added > 0) {
            auditLog.record(new AuditEvent(sent.practice(), ACTOR, "suppression.added",
                    AuditEvent.Target.of("delivery", sent.delivery()), Map.of("channel", sent.channel(),
                            "reason", reason)));
        }
    }

    /**
     * An e-mail delivery by its own id, as the {@code X-CareRelay-Delivery} header carried it: for events about
     * mail handed to an SMTP relay (SES's SMTP interface), whose message ids the relay chose.
     */
    @Transactional(readOnly = true)
    public Optional<Sent> findEmail(DeliveryId delivery) {
        return jdbc.sql("SELECT practice_id, id, channel, recipient FROM delivery WHERE id = :id AND channel = 'EMAIL'")
                .param("id", delivery.value())
                .query((rs, n) -> new Sent(new PracticeId(rs.getObject("practice_id", UUID.class)),
                        new DeliveryId(rs.getObject("id", UUID.class)), rs.getString("channel"),
                        rs.getString("recipient")))
                .optional();
    }

    /** A delivery of {@code practice} by its own id, as a provider was told it. */
    @Transactional(readOnly = true)
    public Optional<Sent> find(PracticeId practice, DeliveryId delivery) {
        return jdbc.sql("SELECT practice_id, id, channel, recipient FROM delivery WHERE id = :id "
                        + "AND practice_id = :practice")
                .param("id", delivery.value())
                .param("practice", practice.value())
                .query((rs, n) -> new Sent(new PracticeId(rs.getObject("practice_id", UUID.class)),
                        new DeliveryId(rs.getObject("id", UUID.class)), rs.getString("channel"),
                        rs.getString("recipient")))
                .optional();
    }

    /**
     * Records {@code status} for the delivery; {@code optedOut} adds its recipient to the suppression list.
     * Returns whether anything changed.
     */
    @Transactional
    public boolean record(Sent sent, DeliveryStatus status, String reason, boolean optedOut) {
        int changed = jdbc.sql("UPDATE delivery SET status = :status, reason = :reason, updated_at = :now "
                        + "WHERE id = :id AND status NOT IN ('DELIVERED', 'BOUNCED', 'FAILED', 'SUPPRESSED') "
                        + "AND status <> :status")
                .param("status", status.name())
                .param("reason", reason)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", sent.delivery().value())
                .update();
        if (optedOut) {
            suppress(sent, status == DeliveryStatus.BOUNCED ? "bounce" : "carrier-opt-out");
        }
        if (changed > 0) {
            deliveryLog.record(sent.practice(), ACTOR, sent.delivery(), status, reason);
        }
        return changed > 0;
    }
}
