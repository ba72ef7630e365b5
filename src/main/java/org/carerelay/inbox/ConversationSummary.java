package org.carerelay.inbox;

import java.time.Instant;
import java.util.UUID;

import org.carerelay.practice.PatientId;

/**
 * A conversation as the inbox lists it.
 *
 * @param patientId null while the conversation needs matching to a patient
 * @param channel   the channel of the latest inbound message: where a reply goes by default
 */
public record ConversationSummary(UUID id, PatientId patientId, String channel, Category category, boolean urgent,
        boolean crisis, Queue queue, String status, UUID assignedTo, SlaState slaState, Instant slaDueAt,
        Instant lastMessageAt) {
}
