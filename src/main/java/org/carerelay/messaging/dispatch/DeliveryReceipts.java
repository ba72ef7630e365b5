package org.carerelay.messaging.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

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
    private final Clock clock;

    DeliveryReceipts(JdbcClient jdbc, DeliveryLog deliveryLog, Clock clock) {
        this.jdbc = jdbc;
        this.deliveryLog = deliveryLog;
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

    /** Puts {@code address} on the practice's suppression list (a complaint, a hard bounce, a carrier opt-out). */
    @Transactional
    public void suppress(PracticeId practice, String channel, String address, String reason) {
        jdbc.sql("INSERT INTO suppression (practice_id, channel, address, reason, created_at) "
                        + "VALUES (:practice, :channel, :address, :reason, :now) ON CONFLICT DO NOTHING")
                .param("practice", practice.value())
                .param("channel", channel)
                .param("address", address)
                .param("reason", reason)
                .param("now", Timestamp.from(clock.instant()))
                .update();
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
            suppress(sent.practice(), sent.channel(), sent.recipient(),
                    status == DeliveryStatus.BOUNCED ? "bounce" : "carrier-opt-out");
        }
        if (changed > 0) {
            deliveryLog.record(sent.practice(), ACTOR, sent.delivery(), status, reason);
        }
        return changed > 0;
    }
}
