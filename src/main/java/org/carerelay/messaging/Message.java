package org.carerelay.messaging;

import java.time.Instant;
import java.util.List;

import org.carerelay.practice.PatientId;

/**
 * A message as requested, with its deliveries. {@code templateVersion} is the version the send used (0: the
 * default shipped with CareRelay).
 */
public record Message(MessageId id, PatientId patientId, String templateKey, String language, int templateVersion,
        Purpose purpose, Channel requestedChannel, String idempotencyKey, Instant createdAt,
        List<Delivery> deliveries) {

    /** The same message without what was said: for a viewer who may not see it. */
    Message withoutContent() {
        return new Message(id, patientId, templateKey, language, templateVersion, purpose, requestedChannel,
                idempotencyKey, createdAt, deliveries.stream().map(Delivery::withoutContent).toList());
    }
}
