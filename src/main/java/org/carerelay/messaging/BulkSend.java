package org.carerelay.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A bulk send and how far it has got. {@code sent}: items that became a message (whose delivery may still be
 * suppressed by policy); {@code refused}: items that could not (an unknown patient, a variable missing from the
 * context). {@code deliveries} counts the messages' deliveries by status.
 */
public record BulkSend(UUID id, String templateKey, Channel channel, Purpose purpose, int total, int processed,
        int sent, int refused, String status, Map<String, Integer> deliveries, Instant createdAt) {
}
