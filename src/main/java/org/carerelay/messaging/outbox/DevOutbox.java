package org.carerelay.messaging.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.database.ConditionalOnLocalMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What local mode "sent": deliveries through the dev outbox and in-app deliveries, newest first. */
@Component
@ConditionalOnLocalMode
class DevOutbox {

    static final int SHOWN = 200;

    /** One message as the patient would have received it. */
    record OutboxMessage(UUID id, String channel, String to, String subject, String text, String html,
            Integer smsSegments, String smsEncoding, String status, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    DevOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<OutboxMessage> newest() {
        return jdbc.sql("SELECT * FROM delivery WHERE provider IN ('dev-outbox', 'in-app') "
                        + "ORDER BY created_at DESC, id LIMIT :limit")
                .param("limit", SHOWN)
                .query((rs, n) -> new OutboxMessage(rs.getObject("id", UUID.class), rs.getString("channel").toLowerCase(),
                        rs.getString("recipient"), rs.getString("subject"), rs.getString("body_text"),
                        rs.getString("body_html"), rs.getObject("sms_segments", Integer.class),
                        rs.getString("sms_encoding"), rs.getString("status").toLowerCase(),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    Optional<String> html(UUID id) {
        return jdbc.sql("SELECT body_html FROM delivery WHERE id = :id AND provider = 'dev-outbox'")
                .param("id", id)
                .query(String.class)
                .optional();
    }
}
