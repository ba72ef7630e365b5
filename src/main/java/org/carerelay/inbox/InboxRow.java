package org.carerelay.inbox;

/**
 * A line of the staff inbox: the conversation, who it is with, and the start of the patient's latest message.
 *
 * @param patientName null while the conversation needs matching
 * @param sender      the address it came from (shown while unmatched)
 * @param preview     the first words of the latest inbound (patient's) message, never our own reply; null when the
 *                    viewer may not read them
 */
public record InboxRow(ConversationSummary conversation, String patientName, String sender, String preview) {
}
