package org.carerelay.messaging;

import java.util.Optional;
import java.util.UUID;

import org.carerelay.crypto.PhiCipher;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The raw messages that reached the practice and were handed on to the inbox. */
@Service
public class InboundMessages {

    private final JdbcClient jdbc;
    private final PhiCipher cipher;

    InboundMessages(JdbcClient jdbc, PhiCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
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
