package org.carerelay.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.messaging.InboundMessages;
import org.carerelay.practice.ClinicalAccess;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** How many of the latest messages the portal shows. */
    static final int THREAD_LENGTH = 100;

    /** One message of a patient's secure messages with the care team, as the portal shows it. */
    public record ThreadMessage(boolean fromPatient, String text, Instant at) {
    }

    private final InboundMessages inbound;
    private final InboxIngestion ingestion;
    private final Patients patients;
    private final JdbcClient jdbc;
    private final PhiCipher cipher;
    private final AuditLog auditLog;
    private final ClinicalAccess clinicalAccess;
    private final SafetyReplies safetyReplies;

    PortalMessages(InboundMessages inbound, InboxIngestion ingestion, Patients patients, JdbcClient jdbc,
            PhiCipher cipher, AuditLog auditLog, ClinicalAccess clinicalAccess, SafetyReplies safetyReplies) {
        this.safetyReplies = safetyReplies;
        this.clinicalAccess = clinicalAccess;
        this.inbound = inbound;
        this.ingestion = ingestion;
        this.patients = patients;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.auditLog = auditLog;
    }

    /**
     * A refill request from the portal: filed as the patient's secure message naming the medication, its
     * prescriber and the patient's note, so that it is triaged (a REFILL for the clinical queue; a worrying note
     * is still flagged urgent or crisis, and the patient then told what to do now) and answered like any message. A
     * conversation nobody holds yet goes to the prescriber's own queue: the active staff member linked to that
     * provider. The same key files it once.
     *
     * @param prescriber the provider who prescribed it, or null when not known
     */
    @Transactional
    public Sent requestRefill(PracticeId practice, PatientId patient, String medication, UUID prescriber,
            String prescriberName, String note, String idempotencyKey) {
        StringBuilder text = new StringBuilder("Refill request: ").append(medication).append('.');
        if (prescriberName != null) {
            text.append(" Prescriber: ").append(prescriberName).append('.');
        }
        if (note != null && !note.isBlank()) {
            text.append(" Note from the patient: ").append(note.strip());
        }
        Sent sent = send(practice, patient, text.toString(), idempotencyKey);
        if (prescriber != null) {
            toPrescriber(practice, sent.conversation(), prescriber);
        }
        return sent;
    }

    private void toPrescriber(PracticeId practice, UUID conversation, UUID prescriber) {
        Optional<UUID> staff = jdbc.sql("SELECT id FROM staff_user WHERE practice_id = :practice "
                        + "AND provider_id = :provider AND active ORDER BY created_at, id LIMIT 1")
                .param("practice", practice.value()).param("provider", prescriber)
                .query(UUID.class).optional();
        if (staff.isEmpty()) {
            return; // the prescriber has no account: the clinical queue takes it
        }
        int assigned = jdbc.sql("UPDATE conversation SET assigned_to = :staff, updated_at = now() "
                        + "WHERE id = :id AND practice_id = :practice AND assigned_to IS NULL")
                .param("staff", staff.get()).param("id", conversation).param("practice", practice.value())
                .update();
        if (assigned > 0) {
            auditLog.record(new AuditEvent(practice, Actor.system("refill-requests"), "inbox.conversation.assigned",
                    AuditEvent.Target.of("conversation", conversation), Map.of("staff", staff.get(),
                            "why", "prescriber")));
        }
    }

    /**
     * The patient's secure messages (their portal conversations, staff replies included), the latest
     * {@value #THREAD_LENGTH} oldest first: a PHI view by the patient themself, audited.
     */
    @Transactional
    public List<ThreadMessage> thread(Caller caller, PatientId patient) {
        clinicalAccess.requireVisible(caller, patient); // staff viewing the portal as the patient, too
        List<ThreadMessage> latest = new ArrayList<>(jdbc.sql("""
                SELECT m.id, m.direction, m.body, m.created_at FROM inbox_message m
                JOIN conversation c ON c.id = m.conversation_id
                WHERE c.practice_id = :practice AND c.patient_id = :patient AND c.channel = 'PORTAL'
                ORDER BY m.created_at DESC, m.id DESC
                LIMIT :n""")
                .param("practice", caller.practice().value())
                .param("patient", patient.value())
                .param("n", THREAD_LENGTH)
                .query((rs, n) -> new ThreadMessage(rs.getString("direction").equals("INBOUND"),
                        cipher.open(rs.getString("body"), "inbox_message.body:" + rs.getObject("id", UUID.class)),
                        rs.getTimestamp("created_at").toInstant()))
                .list());
        Collections.reverse(latest);
        auditLog.record(AuditEvent.of(caller, "phi.secure-messages.viewed", AuditEvent.Target.of("patient",
                patient), Map.of("messages", latest.size())));
        return latest;
    }

    /**
     * A secure message as its sender sees it filed: the conversation, and what to do now when it reads as urgent
     * or a crisis, for the page shown after sending (null for any other message).
     */
    public record Sent(UUID conversation, SafetyGuidance guidance) {
    }

    /**
     * {@link #receive} for the portal's form: also says what to tell the patient at once, the same for the same
     * {@code idempotencyKey} (a form sent twice shows the same guidance).
     */
    @Transactional
    public Sent send(PracticeId practice, PatientId patient, String text, String idempotencyKey) {
        Filed filed = file(practice, patient, text, idempotencyKey);
        boolean[] flags = jdbc.sql("SELECT urgent, crisis FROM inbox_message "
                        + "WHERE inbound_message_id = :inbound AND practice_id = :practice")
                .param("inbound", filed.inboundMessage())
                .param("practice", practice.value())
                .query((rs, n) -> new boolean[] {rs.getBoolean("urgent"), rs.getBoolean("crisis")})
                .single();
        return new Sent(filed.conversation(), flags[0] || flags[1] ? safetyReplies.guidance(practice, flags[1])
                : null);
    }

    /**
     * Files {@code text} from {@code patient} and returns the conversation it joined or opened. The same
     * {@code idempotencyKey} (one per form shown) files one message however often the form is submitted.
     */
    @Transactional
    public UUID receive(PracticeId practice, PatientId patient, String text, String idempotencyKey) {
        return file(practice, patient, text, idempotencyKey).conversation();
    }

    private record Filed(UUID conversation, UUID inboundMessage) {
    }

    private Filed file(PracticeId practice, PatientId patient, String text, String idempotencyKey) {
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
        return new Filed(ingestion.receive(practice, message).orElseGet(() -> ingestion.conversationOf(message)),
                message);
    }
}
