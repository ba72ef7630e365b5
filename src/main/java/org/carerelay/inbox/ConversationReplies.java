package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Message;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.ReplyThreading;
import org.carerelay.messaging.SendRequest;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserId;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ConflictException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff answers from the inbox. Each goes out through the messaging hub (template {@code inbox-reply}), on the
 * channel the patient wrote on unless staff choose another, joins the conversation, and stops its reply clock. An
 * e-mail answer threads under the patient's latest e-mail and its reply address leads back here ({@link ReplyThreads}).
 */
@Service
public class ConversationReplies {

    static final String TEMPLATE = "inbox-reply";

    /** Where a patient reads a reply written to them in the portal. */
    private final String portalMessages;

    private final JdbcClient jdbc;
    private final Conversations conversations;
    private final Messages messages;
    private final StaffUsers staffUsers;
    private final InboxEvents events;
    private final AuditLog auditLog;
    private final OutboundEntries outbound;
    private final ReplyThreads replyThreads;
    private final Clock clock;

    ConversationReplies(JdbcClient jdbc, Conversations conversations, Messages messages, StaffUsers staffUsers,
            InboxEvents events, AuditLog auditLog, OutboundEntries outbound, ReplyThreads replyThreads, Clock clock,
            @Value("${carerelay.public-base-url}") String publicBaseUrl) {
        this.portalMessages = publicBaseUrl.replaceAll("/+$", "") + "/portal/secure-messages";
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.messages = messages;
        this.staffUsers = staffUsers;
        this.events = events;
        this.auditLog = auditLog;
        this.outbound = outbound;
        this.replyThreads = replyThreads;
        this.clock = clock;
    }

    /**
     * Sends {@code text} to the conversation's patient.
     *
     * @param channel null for the channel of the patient's latest message
     * @param idempotencyKey the same key never sends a second reply (a double click, a retried request)
     */
    @Transactional
    public Message reply(Caller caller, UUID conversation, String text, Channel channel, String idempotencyKey) {
        ConversationSummary summary = conversations.summary(caller, conversation);
        if (!conversations.maySee(caller, summary)) {
            throw new AccessDeniedException("The conversation is clinical and the caller may not read it");
        }
        if (summary.patientId() == null) {
            throw new ConflictException("Match the conversation to a patient before replying");
        }
        Channel replyChannel = channel != null ? channel : switch (summary.channel()) {
            case "SMS" -> Channel.SMS;
            case "EMAIL" -> Channel.EMAIL;
            case "PORTAL" -> Channel.IN_APP;
            default -> Channel.PREFERRED; // a voicemail: the patient's preferred way of being written to
        };
        // PREFERRED may turn out to be e-mail; the hub ignores threading on any other channel.
        ReplyThreading threading = replyChannel == Channel.EMAIL || replyChannel == Channel.PREFERRED
                ? replyThreads.forReply(conversation) : null;
        Message message = messages.send(caller.practice(), caller.actor(), new SendRequest(summary.patientId(), null,
                replyChannel, TEMPLATE, Map.of("text", text, "staffName", signature(caller)),
                summary.queue().clinical() ? Purpose.CARE : Purpose.TRANSACTIONAL,
                idempotencyKey == null ? null : "inbox-reply:" + conversation + ":" + idempotencyKey, null, true,
                threading));
        boolean first = record(caller, conversation, message, text);
        if (replyChannel == Channel.IN_APP) {
            // The reply waits in the portal; the patient hears by e-mail or text that there is one, not what it says.
            messages.send(caller.practice(), caller.actor(), new SendRequest(summary.patientId(), null,
                    Channel.PREFERRED, "new-secure-message", Map.of("link", portalMessages), Purpose.TRANSACTIONAL,
                    "secure-message-notice:" + message.id(), null));
        }
        if (first) {
            auditLog.record(AuditEvent.of(caller, "inbox.conversation.replied",
                    AuditEvent.Target.of("conversation", conversation), Map.of("message", message.id())));
            events.changed(caller.practice());
        }
        return message;
    }

    /** Adds the reply to the conversation once per hub message, and stops the reply clock; false if it was there. */
    private boolean record(Caller caller, UUID conversation, Message message, String text) {
        Instant now = clock.instant();
        if (!outbound.add(caller.practice(), conversation, message, text, staffId(caller), now)) {
            return false;
        }
        jdbc.sql("""
                UPDATE conversation SET first_response_at = coalesce(first_response_at, :now), sla_started_at = NULL,
                       sla_warn_at = NULL, sla_due_at = NULL, last_message_at = :now, updated_at = :now
                WHERE id = :id""")
                .param("now", Timestamp.from(now))
                .param("id", conversation)
                .update();
        return true;
    }

    /** How the reply is signed: the staff member's given name; an API token signs as the practice. */
    private String signature(Caller caller) {
        UUID staff = staffId(caller);
        if (staff == null) {
            return "";
        }
        StaffUser user = staffUsers.get(caller.practice(), new StaffUserId(staff));
        return user.givenName();
    }

    private static UUID staffId(Caller caller) {
        return caller.actor().type() == Actor.Type.STAFF ? UUID.fromString(caller.actor().id()) : null;
    }
}
