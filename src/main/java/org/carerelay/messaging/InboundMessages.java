package org.carerelay.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.messaging.sms.TwilioRecordings;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The raw messages that reached the practice and were handed on to the inbox. */
@Service
public class InboundMessages {

    private final JdbcClient jdbc;
    private final PhiCipher cipher;
    private final TwilioRecordings recordings;
    private final AuditLog auditLog;
    private final Clock clock;

    InboundMessages(JdbcClient jdbc, PhiCipher cipher, TwilioRecordings recordings, AuditLog auditLog,
            Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
        this.recordings = recordings;
        this.auditLog = auditLog;
    }

    /**
     * A voicemail's recording as MP3, for {@code caller} to listen to: a PHI access, audited. Empty when the
     * message has no recording or the provider cannot give it.
     */
    @Transactional
    public Optional<byte[]> recording(Caller caller, UUID id) {
        Optional<String> url = jdbc.sql("SELECT recording_url FROM inbound_message WHERE id = :id "
                        + "AND practice_id = :practice AND recording_url IS NOT NULL")
                .param("id", id)
                .param("practice", caller.practice().value())
                .query((rs, n) -> cipher.open(rs.getString("recording_url"), "inbound_message.recording_url:" + id))
                .optional();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        auditLog.record(AuditEvent.of(caller, "phi.voicemail.played", AuditEvent.Target.of("inbound_message", id),
                Map.of()));
        return recordings.mp3(caller.practice(), url.get());
    }

    /**
     * Keeps a secure message that signed-in {@code patient} wrote in the portal, as every inbound message is kept
     * (its text sealed for its row), and returns its id; the caller files it. One {@code idempotencyKey} (the
     * form's) keeps one message: a second submit of the same form returns the first one's id.
     */
    @Transactional
    public UUID keepPortalMessage(PracticeId practice, PatientId patient, String text, String idempotencyKey) {
        UUID id = UUID.randomUUID();
        String key = patient.value() + ":" + idempotencyKey;
        Optional<UUID> kept = jdbc.sql("""
                INSERT INTO inbound_message (id, practice_id, channel, sender, recipient, body, provider,
                                             provider_message_id, received_at, keyword)
                VALUES (:id, :practice, 'PORTAL', :patient, 'portal', :body, 'portal', :key, :now, false)
                ON CONFLICT (provider, provider_message_id) DO NOTHING
                RETURNING id""")
                .param("id", id)
                .param("practice", practice.value())
                .param("patient", patient.value().toString())
                .param("body", cipher.seal(text, "inbound_message.body:" + id))
                .param("key", key)
                .param("now", Timestamp.from(clock.instant()))
                .query(UUID.class)
                .optional();
        if (kept.isEmpty()) {
            return jdbc.sql("SELECT id FROM inbound_message WHERE provider = 'portal' AND provider_message_id = :key "
                            + "AND practice_id = :practice")
                    .param("key", key)
                    .param("practice", practice.value())
                    .query(UUID.class)
                    .single();
        }
        auditLog.record(new AuditEvent(practice, new Actor(Actor.Type.PATIENT, patient.value().toString()),
                "inbound.received", AuditEvent.Target.of("inbound_message", id), Map.of("channel", "PORTAL")));
        return id;
    }

    /** The attachments of these inbound messages (names opened, content not read), by message. */
    @Transactional(readOnly = true)
    public Map<UUID, List<InboundAttachment>> attachments(PracticeId practice, Collection<UUID> inboundMessageIds) {
        if (inboundMessageIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        SELECT id, inbound_message_id, filename, content_type, size_bytes, refused_reason
                        FROM inbound_attachment
                        WHERE practice_id = :practice AND inbound_message_id IN (:messages)
                        ORDER BY created_at, id""")
                .param("practice", practice.value())
                .param("messages", inboundMessageIds)
                .query((rs, n) -> attachment(rs))
                .list().stream()
                .collect(Collectors.groupingBy(InboundAttachment::inboundMessageId));
    }

    /** A kept attachment with its content; empty when unknown, another practice's, or refused. */
    @Transactional(readOnly = true)
    public Optional<InboundAttachment.Content> attachmentContent(PracticeId practice, UUID id) {
        return jdbc.sql("""
                        SELECT id, inbound_message_id, filename, content_type, size_bytes, refused_reason, content
                        FROM inbound_attachment WHERE id = :id AND practice_id = :practice AND content IS NOT NULL""")
                .param("id", id)
                .param("practice", practice.value())
                .query((rs, n) -> new InboundAttachment.Content(attachment(rs), Base64.getDecoder().decode(
                        cipher.open(rs.getString("content"), "inbound_attachment.content:" + id))))
                .optional();
    }

    private InboundAttachment attachment(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new InboundAttachment(id, rs.getObject("inbound_message_id", UUID.class),
                cipher.open(rs.getString("filename"), "inbound_attachment.filename:" + id),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("refused_reason"));
    }

    /**
     * The message, unless it is a keyword (kept without its words) or another practice's. Its body is what the
     * sender wrote: for an e-mail, without the quoted history (the whole message stays in the table).
     */
    @Transactional(readOnly = true)
    public Optional<InboundMessage> find(PracticeId practice, UUID id) {
        return jdbc.sql("SELECT * FROM inbound_message WHERE id = :id AND practice_id = :practice AND NOT keyword")
                .param("id", id)
                .param("practice", practice.value())
                .query((rs, n) -> new InboundMessage(id, rs.getString("channel"), rs.getString("sender"),
                        rs.getString("recipient"), rs.getString("reply") != null
                                ? cipher.open(rs.getString("reply"), "inbound_message.reply:" + id)
                                : cipher.open(rs.getString("body"), "inbound_message.body:" + id),
                        rs.getString("provider"),
                        rs.getTimestamp("received_at").toInstant()))
                .optional();
    }
}
