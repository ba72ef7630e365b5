package org.carerelay.messaging.inbound;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.messaging.InboundMessageReceived;
import org.carerelay.practice.Practices;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An e-mail that reached the practice: routed to the practice by the address it was sent to (the practice's
 * sender address, or {@code anything+<practice slug>@…}, either perhaps extended into a reply address,
 * {@link ReplyAddresses}), kept whole and sealed with its attachments, with what it says about the thread it
 * continues, and handed to the inbox ({@link InboundMessageReceived}). The same message delivered twice is kept once.
 */
@Service
public class InboundEmails {

    private static final Logger log = LoggerFactory.getLogger(InboundEmails.class);
    private static final Actor ACTOR = Actor.system("inbound-email");
    private static final Pattern PLUS_SLUG = Pattern.compile("^[^+@]+\\+([a-z0-9-]{1,64})@.+$");

    /** What became of an inbound e-mail. */
    public enum Outcome {
        KEPT_FOR_INBOX, DUPLICATE, NO_SUCH_PRACTICE
    }

    private final JdbcClient jdbc;
    private final Settings settings;
    private final Practices practices;
    private final PhiCipher cipher;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InboundEmails(JdbcClient jdbc, Settings settings, Practices practices, PhiCipher cipher, AuditLog auditLog,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.practices = practices;
        this.cipher = cipher;
        this.auditLog = auditLog;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Files the MIME {@code source}. {@code providerMessageId} identifies it at the provider (SES's message id),
     * or null to use its Message-ID header.
     *
     * @throws MalformedEmailException when it is not an e-mail, or names no sender
     */
    @Transactional
    public Outcome receive(byte[] source, String provider, String providerMessageId) {
        ParsedEmail email = EmailParser.parse(source);
        if (email.from() == null) {
            throw new MalformedEmailException("it names no sender");
        }
        Optional<Routed> routed = route(email.recipients());
        if (routed.isEmpty()) {
            log.warn("An inbound e-mail was addressed to no practice; it was not kept");
            return Outcome.NO_SUCH_PRACTICE;
        }
        PracticeId practice = routed.get().practice();
        UUID id = UUID.randomUUID();
        // Per practice: one e-mail sent to two practices is each one's. A Message-ID is kept only hashed here.
        String messageKey = practice.value() + ":" + (providerMessageId != null ? providerMessageId
                : email.messageId() != null ? "id:" + sha256(email.messageId().getBytes(StandardCharsets.UTF_8))
                : "sha256:" + sha256(source));
        int inserted = jdbc.sql("""
                INSERT INTO inbound_message (id, practice_id, channel, sender, recipient, body, subject, reply, raw,
                                             provider, provider_message_id, received_at, keyword, email_message_id,
                                             in_reply_to, email_references, reply_tokens)
                VALUES (:id, :practice, 'EMAIL', :from, :to, :body, :subject, :reply, :raw, :provider, :messageKey,
                        :now, false, :emailMessageId, :inReplyTo, :references, :replyTokens)
                ON CONFLICT (provider, provider_message_id) DO NOTHING""")
                .param("id", id)
                .param("practice", practice.value())
                .param("from", email.from())
                .param("to", routed.get().address())
                .param("body", cipher.seal(email.text(), "inbound_message.body:" + id))
                .param("subject", cipher.seal(email.subject(), "inbound_message.subject:" + id))
                .param("reply", cipher.seal(email.reply(), "inbound_message.reply:" + id))
                .param("raw", cipher.seal(Base64.getEncoder().encodeToString(source), "inbound_message.raw:" + id))
                .param("provider", provider)
                .param("messageKey", messageKey)
                .param("now", Timestamp.from(clock.instant()))
                .param("emailMessageId", cipher.seal(email.messageId(), "inbound_message.email_message_id:" + id))
                .param("inReplyTo", sealedIds(email.inReplyTo(), "inbound_message.in_reply_to:" + id))
                .param("references", sealedIds(email.references(), "inbound_message.email_references:" + id))
                .param("replyTokens", email.recipients().stream().map(ReplyAddresses::token)
                        .flatMap(Optional::stream).distinct().toArray(String[]::new))
                .update();
        if (inserted == 0) {
            return Outcome.DUPLICATE;
        }
        email.attachments().forEach(attachment -> attach(practice, id, attachment.filename(),
                attachment.contentType(), attachment.content().length, attachment.content(), null));
        email.refused().forEach(name -> attach(practice, id, name, "application/octet-stream", -1, null,
                "larger than 25 MB"));
        auditLog.record(new AuditEvent(practice, ACTOR, "inbound.received", AuditEvent.Target.of("inbound_message",
                id), Map.of("channel", "EMAIL", "attachments", email.attachments().size(),
                        "refusedAttachments", email.refused().size())));
        events.publishEvent(new InboundMessageReceived(practice, id));
        return Outcome.KEPT_FOR_INBOX;
    }

    private void attach(PracticeId practice, UUID message, String filename, String contentType, long size,
            byte[] content, String refused) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO inbound_attachment (id, practice_id, inbound_message_id, filename, content_type,
                                                size_bytes, content, refused_reason, created_at)
                VALUES (:id, :practice, :message, :filename, :type, :size, :content, :refused, :now)""")
                .param("id", id)
                .param("practice", practice.value())
                .param("message", message)
                .param("filename", cipher.seal(filename, "inbound_attachment.filename:" + id))
                .param("type", contentType)
                .param("size", size)
                .param("content", content == null ? null
                        : cipher.seal(Base64.getEncoder().encodeToString(content), "inbound_attachment.content:" + id))
                .param("refused", refused)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Message ids, space-separated as in the header, sealed; null for none. */
    private String sealedIds(List<String> ids, String place) {
        return ids.isEmpty() ? null : cipher.seal(String.join(" ", ids), place);
    }

    /**
     * The practice an address belongs to: its stored sender address, or the slug after a "+". A reply address
     * routes as the address it extends: its token says which exchange the mail continues, never whose mail it is.
     */
    private Optional<Routed> route(List<String> recipients) {
        for (String recipient : recipients) {
            String address = ReplyAddresses.withoutToken(recipient);
            List<PracticeId> owners = settings.practicesStoring(Setting.EMAIL_SENDER_ADDRESS, address);
            if (owners.size() == 1) {
                return Optional.of(new Routed(owners.get(0), recipient));
            }
            Matcher plus = PLUS_SLUG.matcher(address);
            if (plus.matches()) {
                Optional<PracticeId> bySlug = practices.bySlug(plus.group(1)).map(p -> p.id());
                if (bySlug.isPresent()) {
                    return Optional.of(new Routed(bySlug.get(), recipient));
                }
            }
        }
        return Optional.empty();
    }

    private static String sha256(byte[] source) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(source));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Routed(PracticeId practice, String address) {
    }
}
