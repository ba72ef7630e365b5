package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.inbox.triage.Risk;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Conversations lifted to urgent or crisis by a message ({@link OpenConversation#joinedBy}, the rule): the audit
 * event of each lift, the lift a voicemail's transcription makes after the voicemail was filed, and the one a
 * clinician makes by judging a conversation a crisis or urgent.
 */
@Component
class ConversationLifts {

    private static final Actor ACTOR = Actor.system("inbox");

    private final JdbcClient jdbc;
    private final Locations locations;
    private final ReplyClocks replyClocks;
    private final AuditLog auditLog;
    private final Clock clock;

    ConversationLifts(JdbcClient jdbc, Locations locations, ReplyClocks replyClocks, AuditLog auditLog,
            Clock clock) {
        this.jdbc = jdbc;
        this.locations = locations;
        this.replyClocks = replyClocks;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * A voicemail's transcription turned out urgent or crisis: the conversation it was filed in is lifted as if the
     * message had come that way (category, flags, queue, the urgent clock from the call unless due sooner).
     */
    void afterTranscription(PracticeId practice, UUID conversation, Instant receivedAt, TriageDecision decision) {
        lift(practice, ACTOR, conversation, receivedAt, decision);
    }

    /**
     * A clinician judged the conversation urgent, or a crisis: it is lifted as a message saying so would lift it,
     * the urgent reply clock running from now (unless due sooner).
     */
    void byStaff(Caller caller, UUID conversation, Category category, boolean crisis) {
        lift(caller.practice(), caller.actor(), conversation, clock.instant(), new TriageDecision(category, true,
                crisis, crisis ? Risk.CRISIS : Risk.NONE, "und", 1.0, List.of(), List.of()));
    }

    private void lift(PracticeId practice, Actor actor, UUID conversation, Instant receivedAt,
            TriageDecision decision) {
        OpenConversation open = jdbc.sql("SELECT " + OpenConversation.COLUMNS + " FROM conversation "
                        + "WHERE id = :id AND practice_id = :practice FOR UPDATE")
                .param("id", conversation).param("practice", practice.value())
                .query((rs, n) -> OpenConversation.read(rs)).single();
        if (!open.liftedBy(decision)) {
            return;
        }
        OpenConversation.Joined joined = open.joinedBy(decision);
        Location location = open.locationId() == null ? null
                : locations.get(practice, new LocationId(open.locationId()));
        ReplyClocks.Sla sla = replyClocks.sla(practice, replyClocks.hours(practice, location), joined.category(), true, receivedAt);
        boolean restartClock = open.clockGivesWayTo(sla.dueAt()) && !open.resolved();
        jdbc.sql("""
                UPDATE conversation SET category = :category, urgent = true, crisis = :crisis, queue = 'ON_CALL',
                       sla_started_at = CASE WHEN :restart THEN :slaStart ELSE sla_started_at END,
                       sla_warn_at = CASE WHEN :restart THEN :slaWarn ELSE sla_warn_at END,
                       sla_due_at = CASE WHEN :restart THEN :slaDue ELSE sla_due_at END,
                       updated_at = :now
                WHERE id = :id""")
                .param("category", joined.category().name())
                .param("crisis", joined.crisis())
                .param("restart", restartClock)
                .param("slaStart", Timestamp.from(receivedAt))
                .param("slaWarn", Timestamp.from(sla.warnAt()))
                .param("slaDue", Timestamp.from(sla.dueAt()))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", conversation)
                .update();
        record(practice, actor, open, joined, restartClock ? sla.dueAt() : open.slaDueAt());
    }

    /** The audit event of a lift, in the transaction that made it: ids, categories and the clock, no PHI. */
    void record(PracticeId practice, OpenConversation open, OpenConversation.Joined joined, Instant dueAt) {
        record(practice, ACTOR, open, joined, dueAt);
    }

    private void record(PracticeId practice, Actor actor, OpenConversation open, OpenConversation.Joined joined,
            Instant dueAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", open.category());
        details.put("category", joined.category());
        details.put("crisis", joined.crisis());
        details.put("slaDueAt", dueAt == null ? "none" : dueAt.toString());
        auditLog.record(new AuditEvent(practice, actor, "inbox.conversation.lifted",
                AuditEvent.Target.of("conversation", open.id()), details));
    }
}
