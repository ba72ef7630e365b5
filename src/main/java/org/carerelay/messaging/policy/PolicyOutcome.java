package org.carerelay.messaging.policy;

import java.time.Instant;
import java.util.List;

import org.carerelay.messaging.Delivery;
import org.carerelay.messaging.DeliveryStatus;

/**
 * What the policy decided for one delivery: queued (due at {@code dueAt}), deferred to {@code dueAt}, or suppressed
 * with a {@code reason}; with every check and its outcome, as the delivery records them.
 */
public record PolicyOutcome(DeliveryStatus status, String reason, Instant dueAt, boolean underExemption,
        List<Delivery.Decision> decisions) {

    public boolean suppressed() {
        return status == DeliveryStatus.SUPPRESSED;
    }
}
