package org.carerelay.inbox;

import java.util.UUID;

import org.carerelay.messaging.InboundMessages;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox's door for the patient portal: a secure message a signed-in patient writes is kept raw by the hub
 * and filed at once, in the same transaction, so that the patient sees it in their conversation as soon as the
 * page answers. It is triaged, threaded, routed and escalated like a text; staff replies go back in-app.
 */
@Service
public class PortalMessages {

    /** Longer than any message a patient types; a paste of a whole document belongs in an upload. */
    public static final int MAX_LENGTH = 10_000;

    private final InboundMessages inbound;
    private final InboxIngestion ingestion;
    private final Patients patients;

    PortalMessages(InboundMessages inbound, InboxIngestion ingestion, Patients patients) {
        this.inbound = inbound;
        this.ingestion = ingestion;
        this.patients = patients;
    }

    /**
     * Files {@code text} from {@code patient} and returns the conversation it joined or opened. The same
     * {@code idempotencyKey} (one per form shown) files one message however often the form is submitted.
     */
    @Transactional
    public UUID receive(PracticeId practice, PatientId patient, String text, String idempotencyKey) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("text", "must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidFieldException("text", "must be at most " + MAX_LENGTH + " characters");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
            throw new InvalidFieldException("idempotencyKey", "must be 1 to 100 characters");
        }
        patients.find(practice, patient); // the practice's patient, or not found
        UUID message = inbound.keepPortalMessage(practice, patient, text.strip(), idempotencyKey);
        return ingestion.receive(practice, message).orElseGet(() -> ingestion.conversationOf(message));
    }
}
