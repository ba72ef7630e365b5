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
import org.carerelay.practice.ContactNormalizer;
import org.carerelay.practice.PatientId;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An urgent or crisis message is answered at once with what to do now ({@link SafetyGuidance}, template
 * {@value #TEMPLATE}): by text for a text or a voicemail, by e-mail for an e-mail, at any hour, at most once a day
 * per conversation (a crisis after that day's urgent answer gets the crisis answer, which alone names 988). The
 * portal shows the same guidance on the page after sending instead. The answer joins the conversation as an
 * outbound message, so staff see what the patient was told.
 */
@Component
class SafetyReplies {

    static final String TEMPLATE = "inbox-safety";
    /** A conversation answered less than this long ago is not answered again at the same level. */
    static final Duration ONCE_PER = Duration.ofDays(1);
    private static final Actor ACTOR = Actor.system("inbox");

    private final JdbcClient jdbc;
    private final SenderAnswers answers;
    private final Settings settings;
    private final ContactNormalizer phones;
    private final AuditLog auditLog;
    private final Clock clock;

    SafetyReplies(JdbcClient jdbc, SenderAnswers answers, Settings settings, ContactNormalizer phones,
            AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.answers = answers;
        this.settings = settings;
        this.phones = phones;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * What to tell a patient whose message reads as urgent ({@code crisis} false) or a crisis. The on-call number
     * is the practice's {@code inbox.on-call-phone}, the number paged when no shift covers the moment: the shifts'
     * own phones are staff members' and are never given out.
     */
    SafetyGuidance guidance(PracticeId practice, boolean crisis) {
        String onCall = settings.get(practice, Setting.INBOX_ON_CALL_PHONE);
        return onCall.equals("none") ? new SafetyGuidance(crisis, null, null)
                : new SafetyGuidance(crisis, phones.display(onCall), onCall);
    }

    /**
     * Within the filing transaction: answers an urgent or crisis {@code message} unless the conversation had this
     * answer within the day. True when the sender has the guidance (now or earlier that day), false for a portal
     * message, whose page shows it.
     */
    boolean answer(PracticeId practice, UUID conversation, PatientId patient, InboundMessage message,
            TriageDecision decision) {
        if (message.channel().equals("PORTAL")) {
            return false;
        }
        Instant now = clock.instant();
        boolean due = jdbc.sql("""
                UPDATE conversation SET safety_reply_at = :now, safety_reply_crisis = :crisis
                WHERE id = :id AND (safety_reply_at IS NULL OR safety_reply_at < :since
                                    OR (:crisis AND NOT safety_reply_crisis))""")
                .param("now", Timestamp.from(now))
                .param("crisis", decision.crisis())
                .param("id", conversation)
                .param("since", Timestamp.from(now.minus(ONCE_PER)))
                .update() == 1;
        if (!due) {
            return true;
        }
        SafetyGuidance guidance = guidance(practice, decision.crisis());
        Map<String, Object> context = Map.of("crisis", guidance.crisis(),
                "onCallPhone", guidance.onCallPhone() == null ? "" : guidance.onCallPhone());
        Channel channel = message.channel().equals("EMAIL") ? Channel.EMAIL : Channel.SMS; // or a voicemail's phone
        // SECURITY, like a sign-in link the patient asked for: it goes at once, never held until quiet hours end.
        answers.send(practice, conversation, patient, message, channel, TEMPLATE, context, Purpose.SECURITY,
                "(the safety answer)", now)
                .ifPresent(reply -> auditLog.record(new AuditEvent(practice, ACTOR, "inbox.safety.answered",
                        AuditEvent.Target.of("conversation", conversation), Map.of("message", reply.id(),
                                "crisis", decision.crisis(), "onCallPhone", guidance.onCallPhone() != null))));
        return true;
    }
}
