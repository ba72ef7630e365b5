package org.carerelay.inbox;

import java.time.Instant;
import java.util.UUID;

import org.carerelay.practice.PatientId;

/**
 * A conversation as the inbox lists it.
 *
 * @param patientId           null while the conversation needs matching to a patient
 * @param channel             the channel of the latest inbound message: where a reply goes by default
 * @param possibleCrisis      a message read as a possible crisis is in it and no clinician has judged it since: every
 *                            clinician may read it, as an urgent one
 * @param possibleCrisisSince when that message came, while nobody who may read it has opened the conversation (it
 *                            sorts first for clinicians, and on call is paged when it stays unopened); else null
 */
public record ConversationSummary(UUID id, PatientId patientId, String channel, Category category, boolean urgent,
        boolean crisis, Queue queue, String status, UUID assignedTo, SlaState slaState, Instant slaDueAt,
        Instant lastMessageAt, boolean possibleCrisis, Instant possibleCrisisSince) {
}
