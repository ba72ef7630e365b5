package org.carerelay.inbox;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.carerelay.documents.Documents;
import org.carerelay.messaging.InboundMessages;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/**
 * The files a patient sent with their e-mails, kept as their documents once the messages are known to be theirs:
 * when a message is filed matched to them, or when staff match its conversation to them. Never for an unmatched
 * sender, whose files stay with the message until staff know whose they are.
 */
@Component
class PatientAttachments {

    private final InboundMessages inbound;
    private final Documents documents;

    PatientAttachments(InboundMessages inbound, Documents documents) {
        this.inbound = inbound;
        this.documents = documents;
    }

    /** Keeps the attachments of these inbound messages (those not refused) as {@code patient}'s documents. */
    void keep(PracticeId practice, Actor actor, PatientId patient, Collection<UUID> inboundMessageIds) {
        if (inboundMessageIds.isEmpty()) {
            return;
        }
        inbound.attachments(practice, inboundMessageIds).values().stream()
                .flatMap(List::stream)
                .filter(attachment -> attachment.refusedReason() == null)
                .forEach(attachment -> inbound.attachmentContent(practice, attachment.id()).ifPresent(content ->
                        documents.keepFromPatient(practice, actor, patient, attachment.id(), attachment.filename(),
                                attachment.contentType(), content.bytes())));
    }
}
