package org.carerelay.inbox;

import java.util.Optional;
import java.util.UUID;

import org.carerelay.messaging.EmailThreads;
import org.carerelay.messaging.InboundThreading;
import org.carerelay.messaging.MessageId;
import org.carerelay.messaging.ReplyThreading;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbox's side of e-mail threads. A reply from a conversation answers the patient's latest e-mail in it and
 * carries the conversation's reply token; an e-mail that names one of the conversation's replies, or carries its
 * token, belongs to that conversation, however old, or to the one staff merged it into.
 */
@Component
class ReplyThreads {

    /** Merges of merges are followed this far; a longer chain is not one staff could have made by hand. */
    private static final int MAX_MERGES = 20;

    private final JdbcClient jdbc;
    private final EmailThreads emailThreads;

    ReplyThreads(JdbcClient jdbc, EmailThreads emailThreads) {
        this.jdbc = jdbc;
        this.emailThreads = emailThreads;
    }

    /**
     * How a reply from {@code conversation} threads: it answers the patient's latest e-mail there (if any), and its
     * reply address carries the conversation's token, made now if this is its first e-mail reply.
     */
    ReplyThreading forReply(UUID conversation) {
        UUID latestEmail = jdbc.sql("""
                SELECT inbound_message_id FROM inbox_message
                WHERE conversation_id = :id AND direction = 'INBOUND' AND channel = 'EMAIL'
                ORDER BY created_at DESC, id DESC LIMIT 1""")
                .param("id", conversation)
                .query(UUID.class).optional().orElse(null);
        String token = jdbc.sql("UPDATE conversation SET reply_token = coalesce(reply_token, :token) WHERE id = :id "
                        + "RETURNING reply_token")
                .param("token", ReplyThreading.newToken())
                .param("id", conversation)
                .query(String.class).single();
        return new ReplyThreading(latestEmail, token);
    }

    /**
     * The conversation inbound e-mail {@code inboundMessage} continues, if it says. The reply it names comes first:
     * it stays with the conversation staff moved it to (a split, a merge); then the tokens of the addresses it was
     * sent to, for mail programs that drop In-Reply-To. A token that is not one of the practice's is no sign at all.
     */
    Optional<UUID> answered(PracticeId practice, UUID inboundMessage) {
        InboundThreading threading = emailThreads.of(practice, inboundMessage);
        for (MessageId reply : threading.answers()) {
            Optional<UUID> conversation = jdbc.sql("SELECT conversation_id FROM inbox_message "
                            + "WHERE practice_id = :practice AND message_id = :message")
                    .param("practice", practice.value())
                    .param("message", reply.value())
                    .query(UUID.class).optional();
            if (conversation.isPresent()) {
                return surviving(practice, conversation.get());
            }
        }
        for (String token : threading.replyTokens()) {
            Optional<UUID> conversation = jdbc.sql("SELECT id FROM conversation "
                            + "WHERE practice_id = :practice AND reply_token = :token")
                    .param("practice", practice.value())
                    .param("token", token)
                    .query(UUID.class).optional();
            if (conversation.isPresent()) {
                return surviving(practice, conversation.get());
            }
        }
        return Optional.empty();
    }

    /** The conversation itself, or the one it was merged into (and so on). */
    private Optional<UUID> surviving(PracticeId practice, UUID conversation) {
        UUID current = conversation;
        for (int merges = 0; merges < MAX_MERGES; merges++) {
            Optional<UUID> into = jdbc.sql("SELECT merged_into FROM conversation WHERE id = :id "
                            + "AND practice_id = :practice AND merged_into IS NOT NULL")
                    .param("id", current)
                    .param("practice", practice.value())
                    .query(UUID.class).optional();
            if (into.isEmpty()) {
                return Optional.of(current);
            }
            current = into.get();
        }
        return Optional.empty();
    }
}
