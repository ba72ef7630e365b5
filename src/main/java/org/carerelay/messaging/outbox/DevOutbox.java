package org.carerelay.messaging.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.database.ConditionalOnLocalMode;
import org.carerelay.messaging.dispatch.DeliveryContent;
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
    private final DeliveryContent content;

    DevOutbox(JdbcClient jdbc, DeliveryContent content) {
        this.jdbc = jdbc;
        this.content = content;
    }

    /** Page {@code page} (0: the newest) of {@link #SHOWN} messages, and one more when there are more. */
    @Transactional(readOnly = true)
    List<OutboxMessage> page(int page) {
        return jdbc.sql("SELECT * FROM delivery WHERE provider IN ('dev-outbox', 'in-app') "
                        + "ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("limit", SHOWN + 1)
                .param("offset", (long) page * SHOWN)
                .query((rs, n) -> new OutboxMessage(rs.getObject("id", UUID.class), rs.getString("channel").toLowerCase(),
                        rs.getString("recipient"), content.open(rs, "subject"), content.open(rs, "body_text"),
                        content.open(rs, "body_html"), rs.getObject("sms_segments", Integer.class),
                        rs.getString("sms_encoding"), rs.getString("status").toLowerCase(),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    Optional<String> html(UUID id) {
        return jdbc.sql("SELECT id, body_html FROM delivery WHERE id = :id AND provider = 'dev-outbox'")
                .param("id", id)
                .query((rs, n) -> content.open(rs, "body_html"))
                .optional();
    }
}
