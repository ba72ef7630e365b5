package org.carerelay.messaging.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.messaging.InboundMessage;
import org.carerelay.messaging.InboundMessageReceived;
import org.carerelay.messaging.InboundMessageTranscribed;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Voicemail left on a practice number. The recording is handed to the inbox at once, with a placeholder text, so
 * that no voicemail waits on a transcription that may never come; the transcription, when it arrives, becomes the
 * message's text and the inbox triages it again.
 */
@Service
public class InboundVoicemails {

    private static final Actor ACTOR = Actor.system("voicemail");

    private final JdbcClient jdbc;
    private final PhiCipher cipher;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InboundVoicemails(JdbcClient jdbc, PhiCipher cipher, AuditLog auditLog, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.auditLog = auditLog;
        this.events = events;
        this.clock = clock;
    }

    /** A recording finished: kept (once per recording) and handed to the inbox. */
    @Transactional
    public boolean recorded(PracticeId practice, String from, String to, String provider, String recordingId,
            String recordingUrl, int seconds) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO inbound_message (id, practice_id, channel, sender, recipient, body, provider,
                                             provider_message_id, received_at, keyword, recording_url,
                                             recording_seconds, transcribed)
                VALUES (:id, :practice, 'VOICE', :from, :to, :body, :provider, :recording, :now, false, :url,
                        :seconds, false)
                ON CONFLICT (provider, provider_message_id) DO NOTHING""")
                .param("id", id)
                .param("practice", practice.value())
                .param("from", from)
                .param("to", to)
                .param("body", cipher.seal(placeholder(seconds), "inbound_message.body:" + id))
                .param("provider", provider)
                .param("recording", recordingId)
                .param("now", Timestamp.from(clock.instant()))
                .param("url", cipher.seal(recordingUrl, "inbound_message.recording_url:" + id))
                .param("seconds", seconds)
                .update();
        if (inserted == 0) {
            return false;
        }
        auditLog.record(new AuditEvent(practice, ACTOR, "inbound.received", AuditEvent.Target.of("inbound_message",
                id), Map.of("channel", "VOICE", "seconds", seconds)));
        events.publishEvent(new InboundMessageReceived(practice, id));
        return true;
    }

    /**
     * The transcription of {@code recordingId}: its text replaces the placeholder (a failed one says so). A
     * transcription for an unknown recording, or a second one, changes nothing.
     */
    @Transactional
    public boolean transcribed(PracticeId practice, String provider, String recordingId, String text,
            boolean succeeded) {
        Optional<UUID> found = jdbc.sql("""
                SELECT id FROM inbound_message WHERE practice_id = :practice AND provider = :provider
                  AND provider_message_id = :recording AND channel = 'VOICE' AND NOT transcribed FOR UPDATE""")
                .param("practice", practice.value())
                .param("provider", provider)
                .param("recording", recordingId)
                .query(UUID.class).optional();
        if (found.isEmpty()) {
            return false;
        }
        UUID id = found.get();
        String body = succeeded && text != null && !text.isBlank() ? text.strip()
                : InboundMessage.TRANSCRIPTION_FAILED;
        jdbc.sql("UPDATE inbound_message SET body = :body, transcribed = true WHERE id = :id")
                .param("body", cipher.seal(body, "inbound_message.body:" + id))
                .param("id", id)
                .update();
        auditLog.record(new AuditEvent(practice, ACTOR, "inbound.transcribed", AuditEvent.Target.of(
                "inbound_message", id), Map.of("succeeded", succeeded)));
        events.publishEvent(new InboundMessageTranscribed(practice, id));
        return true;
    }

    private static String placeholder(int seconds) {
        return "Voicemail (" + seconds + " s): " + InboundMessage.TRANSCRIPTION_PENDING;
    }
}
