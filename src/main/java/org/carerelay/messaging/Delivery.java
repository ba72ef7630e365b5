package org.carerelay.messaging;

import java.time.Instant;
import java.util.List;

/**
 * One channel's delivery of a message, with the policy decisions that shaped it and its timeline.
 *
 * @param reason       why it is suppressed, deferred or failed (a code such as {@code quiet-hours}), else null
 * @param smsSegments  the SMS's length in segments (null for other channels)
 * @param smsEncoding  GSM-7 or UCS-2
 * @param subject      the e-mail subject or in-app title as sent; absent for a viewer who may not see the content
 * @param text         the text as sent (SMS, e-mail text part, in-app body); absent likewise
 */
public record Delivery(DeliveryId id, Channel channel, String to, DeliveryStatus status, String reason,
        Instant dueAt, String provider, String providerMessageId, Integer smsSegments, String smsEncoding,
        List<Decision> decisions, List<Event> timeline, String subject, String text) {

    Delivery withoutContent() {
        return new Delivery(id, channel, to, status, reason, dueAt, provider, providerMessageId, smsSegments,
                smsEncoding, decisions, timeline, null, null);
    }

    /** A policy check and its outcome ({@code consent: allowed, transactional_sms granted}). */
    public record Decision(String check, String outcome, String detail) {
    }

    /** A status the delivery reached, and when. */
    public record Event(DeliveryStatus status, String reason, Instant at) {
    }
}
