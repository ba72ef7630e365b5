package org.carerelay.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.carerelay.inbox.triage.Risk;
import org.carerelay.inbox.triage.TriageSignal;
import org.carerelay.messaging.InboundAttachment;

/**
 * A conversation with its messages, oldest first.
 *
 * @param contentHidden true when the viewer may not read this conversation's clinical content: message texts and
 *                      triage reasons are then absent
 */
public record Conversation(ConversationSummary summary, boolean contentHidden, List<Entry> messages) {

    /**
     * One message of the conversation.
     *
     * @param direction INBOUND (from the patient) or OUTBOUND (a reply through the messaging hub)
     * @param text      absent when hidden from the viewer
     * @param risk      an inbound message's risk tier (none, possible, crisis); absent for messages filed before it
     * @param language  the language triage read an inbound message in (ISO 639-1, or {@code und}); absent when
     *                  hidden
     * @param reasons   the phrases that decided the triage; absent when hidden, and without those of the urgent and
     *                  crisis flags for a viewer without clinical access
     * @param signals   each layer that raised a flag and the patient's words it read, for the console to highlight;
     *                  absent when hidden and for a viewer without clinical access
     * @param voicemail the inbound message whose recording can be played, for a voicemail the viewer may read
     * @param attachments the files an e-mail came with; absent when hidden (a file's name can be PHI)
     */
    public record Entry(UUID id, String direction, String channel, String text, Category category, Boolean urgent,
            Boolean crisis, Risk risk, String language, Double confidence, List<String> reasons,
            List<TriageSignal> signals, UUID staffId, Instant at, UUID voicemail,
            List<InboundAttachment> attachments) {

        Entry withAttachments(List<InboundAttachment> files) {
            return new Entry(id, direction, channel, text, category, urgent, crisis, risk, language, confidence,
                    reasons, signals, staffId, at, voicemail, files);
        }
    }
}
