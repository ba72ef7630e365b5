package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The "needs matching" queue: suggestions for a conversation no single patient could be tied to, and the staff
 * member's one-click confirmation, which ties the conversation to the patient and gives the patient the address
 * the message came from (the patient initiated it), so the next message from it matches by itself.
 */
@Service
public class ConversationMatching {

    private final JdbcClient jdbc;
    private final Conversations conversations;
    private final MatchSuggestions suggestions;
    private final ContactPoints contactPoints;
    private final Patients patients;
    private final InboxEvents events;
    private final AuditLog auditLog;
    private final PhiCipher cipher;
    private final Clock clock;
    private final PatientAttachments attachments;

    ConversationMatching(JdbcClient jdbc, Conversations conversations, MatchSuggestions suggestions,
            ContactPoints contactPoints, Patients patients, InboxEvents events, AuditLog auditLog, PhiCipher cipher,
            Clock clock, PatientAttachments attachments) {
        this.attachments = attachments;
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.suggestions = suggestions;
        this.contactPoints = contactPoints;
        this.patients = patients;
        this.events = events;
        this.auditLog = auditLog;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Ranked suggestions for an unmatched conversation (empty for a matched one): a PHI access, audited. */
    @Transactional
    public List<MatchSuggestion> suggestions(Caller caller, UUID conversation) {
        ConversationSummary summary = conversations.summary(caller, conversation);
        if (summary.patientId() != null) {
            return List.of();
        }
        String sender = sender(conversation);
        List<PatientId> holders = contactPoints.holders(caller.practice(), system(sender), sender).stream()
                .map(ContactPoints.Holder::patient).distinct().toList();
        String text = String.join("\n", jdbc.sql("""
                SELECT id, body FROM inbox_message WHERE conversation_id = :id AND direction = 'INBOUND'
                ORDER BY created_at DESC LIMIT 5""")
                .param("id", conversation)
                .query((rs, n) -> cipher.open(rs.getString("body"), "inbox_message.body:"
                        + rs.getObject("id", UUID.class)))
                .list());
        List<MatchSuggestion> ranked = suggestions.rank(caller.practice(), holders, text, null);
        auditLog.record(AuditEvent.of(caller, "phi.match_suggestions.viewed",
                AuditEvent.Target.of("conversation", conversation),
                Map.of("patients", ranked.stream().map(MatchSuggestion::patientId).toList())));
        return ranked;
    }

    /** Ties the conversation to {@code patient}; 409 if it already has a patient. */
    @Transactional
    public void match(Caller caller, UUID conversation, PatientId patient) {
        ConversationSummary summary = conversations.summary(caller, conversation);
        if (summary.patientId() != null) {
            throw new ConflictException("The conversation is already matched to a patient");
        }
        patients.requireExists(caller.practice(), patient);
        String sender = sender(conversation);
        ContactSystem system = system(sender);
        boolean holds = contactPoints.holders(caller.practice(), system, sender).stream()
                .anyMatch(holder -> holder.patient().equals(patient));
        if (!holds) {
            contactPoints.add(caller.practice(), caller.actor(), patient,
                    new NewContactPoint(system, sender, false, Map.of(), ConsentSource.PATIENT_INITIATED));
        }
        jdbc.sql("UPDATE conversation SET patient_id = :patient, updated_at = :now WHERE id = :id")
                .param("patient", patient.value())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", conversation)
                .update();
        attachments.keep(caller.practice(), caller.actor(), patient, jdbc.sql("""
                        SELECT inbound_message_id FROM inbox_message
                        WHERE conversation_id = :id AND channel = 'EMAIL' AND inbound_message_id IS NOT NULL""")
                .param("id", conversation).query(UUID.class).list());
        auditLog.record(AuditEvent.of(caller, "inbox.conversation.matched",
                AuditEvent.Target.of("conversation", conversation), Map.of("patient", patient,
                        "addressAdded", !holds, "source", "patient-initiated")));
        events.changed(caller.practice());
    }

    private String sender(UUID conversation) {
        return jdbc.sql("SELECT sender FROM conversation WHERE id = :id").param("id", conversation)
                .query(String.class).single();
    }

    private static ContactSystem system(String address) {
        return address.contains("@") ? ContactSystem.EMAIL : ContactSystem.PHONE;
    }
}
