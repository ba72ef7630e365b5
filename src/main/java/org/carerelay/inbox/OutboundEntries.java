package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.carerelay.crypto.PhiCipher;
import org.carerelay.messaging.Message;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The practice's side of a conversation: each message it sent through the hub, its text sealed, entered once. */
@Component
class OutboundEntries {

    private final JdbcClient jdbc;
    private final PhiCipher cipher;

    OutboundEntries(JdbcClient jdbc, PhiCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * Enters {@code message} into {@code conversation}, written by {@code staff} (null: an automatic answer).
     * False when it is there already (the same idempotent reply sent again).
     */
    boolean add(PracticeId practice, UUID conversation, Message message, String text, UUID staff, Instant at) {
        if (jdbc.sql("SELECT EXISTS (SELECT FROM inbox_message WHERE message_id = :m)")
                .param("m", message.id().value()).query(Boolean.class).single()) {
            return false;
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO inbox_message (id, practice_id, conversation_id, direction, channel, body, message_id,
                                           staff_id, created_at)
                VALUES (:id, :practice, :conversation, 'OUTBOUND', :channel, :body, :message, :staff, :at)""")
                .param("id", id)
                .param("practice", practice.value())
                .param("conversation", conversation)
                .param("channel", message.deliveries().get(0).channel().name())
                .param("body", cipher.seal(text, "inbox_message.body:" + id))
                .param("message", message.id().value())
                .param("staff", staff)
                .param("at", Timestamp.from(at))
                .update();
        return true;
    }
}
