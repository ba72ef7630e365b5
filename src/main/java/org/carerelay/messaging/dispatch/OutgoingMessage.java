package org.carerelay.messaging.dispatch;

import org.carerelay.messaging.Channel;
import org.carerelay.messaging.DeliveryId;
import org.carerelay.messaging.Purpose;
import org.carerelay.shared.PracticeId;

/**
 * What a provider adapter sends: one claimed delivery. {@code attempt} starts at 1; {@code deliveryId} is the
 * idempotency key for providers that take one, so a retried claim never sends twice.
 */
public record OutgoingMessage(PracticeId practice, DeliveryId deliveryId, Channel channel, Purpose purpose, String to,
        String subject, String text, String html, Integer smsSegments, int attempt, String timeZone) {
}
