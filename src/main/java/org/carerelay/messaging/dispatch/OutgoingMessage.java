package org.carerelay.messaging.dispatch;

import java.util.Map;

import org.carerelay.messaging.Channel;
import org.carerelay.messaging.DeliveryId;
import org.carerelay.messaging.Purpose;
import org.carerelay.shared.PracticeId;

/**
 * What a provider adapter sends: one claimed delivery. {@code attempt} starts at 1; {@code deliveryId} is the
 * idempotency key for providers that take one, so a retried claim never sends twice. {@code unsubscribeUrl} is
 * set on marketing e-mail: the adapter puts it in {@code List-Unsubscribe} with one-click (RFC 8058). {@code thread}
 * is an e-mail's threading headers and reply address ({@link ThreadHeaders#NONE} for other channels).
 */
public record OutgoingMessage(PracticeId practice, DeliveryId deliveryId, Channel channel, Purpose purpose, String to,
        String subject, String text, String html, Integer smsSegments, int attempt, String timeZone,
        String unsubscribeUrl, ThreadHeaders thread) {

    public OutgoingMessage {
        thread = thread == null ? ThreadHeaders.NONE : thread;
    }

    /** The two headers of RFC 8058 for marketing e-mail; empty otherwise. */
    public Map<String, String> listUnsubscribeHeaders() {
        return unsubscribeUrl == null ? Map.of() : Map.of(
                "List-Unsubscribe", "<" + unsubscribeUrl + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
}
