package org.carerelay.messaging;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.carerelay.crypto.PhiCipher;
import org.carerelay.messaging.dispatch.ThreadHeaders;
import org.carerelay.messaging.inbound.ReplyAddresses;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mail threads, both ways. Each e-mail the hub sends has a Message-ID of its own, {@code <delivery id@sender
 * domain>} (no PHI), kept on the delivery; a reply names the patient's e-mail in In-Reply-To and References as RFC
 * 5322 §3.6.4 has it, and carries the requester's reply address. An e-mail that arrives is read the other way: which
 * of the practice's messages it names, and which reply tokens its addresses carry.
 */
@Service
public class EmailThreads {

    /** Amazon SES gives every e-mail a Message-ID of its own ({@code <SES message id@…amazonses.com>}). */
    private static final String SES_MESSAGE_ID_DOMAIN = "amazonses.com";
    /** References keeps its first id and the latest ones: long threads must not make the header unbounded. */
    static final int MAX_REFERENCES = 20;

    private final JdbcClient jdbc;
    private final Settings settings;
    private final ReplyAddresses replyAddresses;
    private final PhiCipher cipher;

    EmailThreads(JdbcClient jdbc, Settings settings, ReplyAddresses replyAddresses, PhiCipher cipher) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.replyAddresses = replyAddresses;
        this.cipher = cipher;
    }

    /** The headers of e-mail delivery {@code delivery}, a reply when {@code threading} says so. */
    ThreadHeaders headers(PracticeId practice, DeliveryId delivery, ReplyThreading threading) {
        String sender = settings.get(practice, Setting.EMAIL_SENDER_ADDRESS);
        String messageId = "<" + delivery.value() + "@" + sender.substring(sender.lastIndexOf('@') + 1)
                .toLowerCase(Locale.ROOT) + ">";
        if (threading == null) {
            return new ThreadHeaders(messageId, null, null, null);
        }
        String replyTo = threading.replyToken() == null ? null : replyAddresses.of(practice, threading.replyToken());
        Parent parent = threading.answers() == null ? null : parent(practice, threading.answers());
        if (parent == null || parent.messageId() == null) {
            return new ThreadHeaders(messageId, null, null, replyTo);
        }
        return new ThreadHeaders(messageId, parent.messageId(),
                String.join(" ", references(parent.messageId(), parent.inReplyTo(), parent.references())), replyTo);
    }

    /**
     * The References of a reply (RFC 5322 §3.6.4): the parent's References and then its Message-ID; a parent
     * without References but answering exactly one message contributes that one instead. Trimmed to the first id
     * and the latest ones.
     */
    static List<String> references(String parentId, List<String> parentInReplyTo, List<String> parentReferences) {
        List<String> chain = new ArrayList<>(!parentReferences.isEmpty() ? parentReferences
                : parentInReplyTo.size() == 1 ? parentInReplyTo : List.of());
        chain.remove(parentId);
        chain.add(parentId);
        if (chain.size() <= MAX_REFERENCES) {
            return chain;
        }
        List<String> trimmed = new ArrayList<>(chain.subList(chain.size() - MAX_REFERENCES + 1, chain.size()));
        trimmed.add(0, chain.get(0));
        return trimmed;
    }

    /**
     * What inbound e-mail {@code inboundMessage} says about the exchange it continues; {@link InboundThreading#NONE}
     * for another channel's message or another practice's.
     */
    @Transactional(readOnly = true)
    public InboundThreading of(PracticeId practice, UUID inboundMessage) {
        Parent email = parent(practice, inboundMessage);
        if (email == null) {
            return InboundThreading.NONE;
        }
        // The message answered directly first, then the rest of the thread from the newest back.
        LinkedHashSet<String> named = new LinkedHashSet<>(email.inReplyTo());
        List<String> references = new ArrayList<>(email.references());
        java.util.Collections.reverse(references);
        named.addAll(references);
        return new InboundThreading(email.replyTokens(), sentAs(practice, List.copyOf(named)));
    }

    /** The practice's messages whose e-mail went out with one of {@code ids}, in the order of {@code ids}. */
    private List<MessageId> sentAs(PracticeId practice, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> sesIds = ids.stream().map(EmailThreads::sesMessageId).filter(java.util.Objects::nonNull)
                .toList();
        Map<String, MessageId> messages = new HashMap<>();
        jdbc.sql("""
                SELECT message_id, email_message_id, provider, provider_message_id FROM delivery
                WHERE practice_id = :practice AND channel = 'EMAIL'
                  AND (email_message_id IN (:ids) OR (provider = 'ses' AND provider_message_id IN (:sesIds)))""")
                .param("practice", practice.value())
                .param("ids", ids)
                .param("sesIds", sesIds.isEmpty() ? List.of("") : sesIds)
                .query(rs -> {
                    MessageId message = new MessageId(rs.getObject("message_id", UUID.class));
                    if (rs.getString("email_message_id") != null) {
                        messages.put(rs.getString("email_message_id"), message);
                    }
                    if ("ses".equals(rs.getString("provider")) && rs.getString("provider_message_id") != null) {
                        messages.put("ses:" + rs.getString("provider_message_id"), message);
                    }
                });
        List<MessageId> answered = new ArrayList<>();
        for (String id : ids) {
            MessageId message = messages.containsKey(id) ? messages.get(id)
                    : sesMessageId(id) == null ? null : messages.get("ses:" + sesMessageId(id));
            if (message != null && !answered.contains(message)) {
                answered.add(message);
            }
        }
        return answered;
    }

    /**
     * The SES message id a Message-ID stands for, or null. SES replaces the Message-ID an e-mail is sent with by its
     * own, so the patient's mail app answers that one; the delivery knows it as its provider message id.
     */
    static String sesMessageId(String id) {
        int at = id.lastIndexOf('@');
        String domain = id.substring(at + 1, id.length() - 1).toLowerCase(Locale.ROOT);
        return domain.equals(SES_MESSAGE_ID_DOMAIN) || domain.endsWith("." + SES_MESSAGE_ID_DOMAIN)
                ? id.substring(1, at) : null;
    }

    private Parent parent(PracticeId practice, UUID inboundMessage) {
        return jdbc.sql("""
                SELECT email_message_id, in_reply_to, email_references, reply_tokens FROM inbound_message
                WHERE id = :id AND practice_id = :practice AND channel = 'EMAIL'""")
                .param("id", inboundMessage)
                .param("practice", practice.value())
                .query((rs, n) -> new Parent(
                        cipher.open(rs.getString("email_message_id"), "inbound_message.email_message_id:"
                                + inboundMessage),
                        ids(cipher.open(rs.getString("in_reply_to"), "inbound_message.in_reply_to:" + inboundMessage)),
                        ids(cipher.open(rs.getString("email_references"), "inbound_message.email_references:"
                                + inboundMessage)),
                        tokens(rs.getArray("reply_tokens"))))
                .optional()
                .orElse(null);
    }

    private static List<String> ids(String header) {
        return header == null || header.isBlank() ? List.of() : List.of(header.trim().split("\\s+"));
    }

    private static List<String> tokens(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** An inbound e-mail as far as threading goes. */
    private record Parent(String messageId, List<String> inReplyTo, List<String> references,
            List<String> replyTokens) {
    }
}
