package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.InboundMessage;
import org.carerelay.messaging.Purpose;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a message arrives while the location is closed, the sender gets one automatic answer per conversation per
 * night (template {@code inbox-after-hours}): when the office will answer, and what to do in an emergency (911) or
 * a crisis (988). It joins the conversation as an outbound message; by e-mail, it threads as staff replies do.
 */
@Component
class AfterHoursReplies {

    static final String TEMPLATE = "inbox-after-hours";
    /** A conversation answered less than this long ago is not answered again: one answer a night. */
    static final Duration ONCE_PER = Duration.ofHours(12);
    private static final Actor ACTOR = Actor.system("inbox");

    private final JdbcClient jdbc;
    private final SenderAnswers answers;
    private final AuditLog auditLog;
    private final Clock clock;

    AfterHoursReplies(JdbcClient jdbc, SenderAnswers answers, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.answers = answers;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Within the filing transaction: answers {@code message} unless the conversation was answered tonight. */
    void answer(PracticeId practice, UUID conversation, PatientId patient, InboundMessage message) {
        Instant now = clock.instant();
        boolean due = jdbc.sql("""
                UPDATE conversation SET after_hours_reply_at = :now
                WHERE id = :id AND (after_hours_reply_at IS NULL OR after_hours_reply_at < :since)""")
                .param("now", Timestamp.from(now))
                .param("id", conversation)
                .param("since", Timestamp.from(now.minus(ONCE_PER)))
                .update() == 1;
        if (!due) {
            return;
        }
        Channel channel = switch (message.channel()) {
            case "EMAIL" -> Channel.EMAIL;
            case "PORTAL" -> Channel.IN_APP;
            default -> Channel.SMS; // a text, or a voicemail left from a phone
        };
        answers.send(practice, conversation, patient, message, channel, TEMPLATE, Map.of(), Purpose.TRANSACTIONAL,
                "(the after-hours answer)", now)
                .ifPresent(reply -> auditLog.record(new AuditEvent(practice, ACTOR, "inbox.after_hours.answered",
                        AuditEvent.Target.of("conversation", conversation), Map.of("message", reply.id()))));
    }
}
