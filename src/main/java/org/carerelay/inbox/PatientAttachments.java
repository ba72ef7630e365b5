package org.carerelay.inbox;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.carerelay.documents.Documents;
import org.carerelay.messaging.InboundMessages;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The files a patient sent with their e-mails, kept as their documents once the messages are known to be theirs:
 * when a message is filed matched to them, or when staff match its conversation to them. Never for an unmatched
 * sender, whose files stay with the message until staff know whose they are.
 *
 * <p>The copy is made after the filing or the match commits, from the event publication registry, which retries
 * it: a document store that is down must not keep an urgent e-mail out of the inbox, and up to 25 MB per file
 * need not hold up the webhook's answer.
 */
@Component
class PatientAttachments {

    private final InboundMessages inbound;
    private final Documents documents;
    private final ApplicationEventPublisher events;

    PatientAttachments(InboundMessages inbound, Documents documents, ApplicationEventPublisher events) {
        this.inbound = inbound;
        this.documents = documents;
        this.events = events;
    }

    /** Asks, in the caller's transaction, for the attachments of these inbound messages to become the patient's. */
    void keep(PracticeId practice, Actor actor, PatientId patient, Collection<UUID> inboundMessageIds) {
        if (!inboundMessageIds.isEmpty()) {
            events.publishEvent(new AttachmentsOfPatient(practice, actor, patient, List.copyOf(inboundMessageIds)));
        }
    }

    @ApplicationModuleListener
    void on(AttachmentsOfPatient known) {
        inbound.attachments(known.practice(), known.inboundMessageIds()).values().stream()
                .flatMap(List::stream)
                .filter(attachment -> attachment.refusedReason() == null)
                .forEach(attachment -> inbound.attachmentContent(known.practice(), attachment.id())
                        .ifPresent(content -> documents.keepFromPatient(known.practice(), known.actor(),
                                known.patient(), attachment.id(), attachment.filename(), attachment.contentType(),
                                content.bytes())));
    }

    /** These inbound messages are the patient's (filed matched, or matched by {@code actor}): keep their files. */
    record AttachmentsOfPatient(PracticeId practice, Actor actor, PatientId patient, List<UUID> inboundMessageIds) {
    }
}
