package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The possible-crisis mark of a conversation, and its rules. A message triage reads as a possible crisis, in a
 * conversation neither urgent nor crisis, marks it: it moves to the clinical queue if it was the front desk's,
 * every clinician may read it, it sorts first for them, and if no member of staff who may read it has opened it
 * within {@code inbox.possible-crisis-page-minutes} (30) of the message, on call is paged
 * ({@link PossibleCrisisPager}). Opening it, acknowledging its page, or a clinician's judgement of it clears the
 * mark; a clinician's judgement alone lowers the lasting {@code possible_crisis} flag. Each change is audited in
 * its transaction, with ids only.
 */
@Component
class PossibleCrises {

    private static final Actor ACTOR = Actor.system("inbox");

    /** Why a mark went: somebody who may read it opened it, took its page, or judged the conversation. */
    enum Cleared {
        OPENED, ACKNOWLEDGED, JUDGED
    }

    private final JdbcClient jdbc;
    private final Settings settings;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    PossibleCrises(JdbcClient jdbc, Settings settings, AuditLog auditLog, ApplicationEventPublisher publisher,
            Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.auditLog = auditLog;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Within the filing transaction, the conversation locked: a possible-crisis message arrived at {@code at}.
     * Marks the conversation unless it is urgent or crisis (then on call has it already) or already marked (then
     * the earlier message's clock stands).
     */
    void mark(PracticeId practice, UUID conversation, UUID message, Instant at) {
        record State(boolean flagged, boolean marked) {
        }
        State state = jdbc.sql("SELECT urgent OR crisis AS flagged, possible_crisis_since IS NOT NULL AS marked "
                        + "FROM conversation WHERE id = :id AND practice_id = :practice")
                .param("id", conversation).param("practice", practice.value())
                .query((rs, n) -> new State(rs.getBoolean("flagged"), rs.getBoolean("marked"))).single();
        if (state.flagged() || state.marked()) {
            return;
        }
        Instant pageAt = at.plus(Duration.ofMinutes(settings.get(practice,
                Setting.INBOX_POSSIBLE_CRISIS_PAGE_MINUTES)));
        String queue = jdbc.sql("""
                UPDATE conversation SET possible_crisis = true, possible_crisis_since = :at,
                       possible_crisis_page_at = :pageAt,
                       queue = CASE WHEN queue = 'FRONT_DESK' THEN 'CLINICAL' ELSE queue END, updated_at = :now
                WHERE id = :id RETURNING queue""")
                .param("at", Timestamp.from(at))
                .param("pageAt", Timestamp.from(pageAt))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", conversation)
                .query(String.class).single();
        auditLog.record(new AuditEvent(practice, ACTOR, "inbox.conversation.possible-crisis-marked",
                AuditEvent.Target.of("conversation", conversation), Map.of("message", message, "queue",
                        Queue.valueOf(queue), "pageAt", pageAt.toString())));
    }

    /**
     * Clears the mark, if the conversation has one, and says so in the audit log; a page of it that is running
     * stops ({@link PossibleCrisisCleared}). Returns whether there was a mark.
     */
    boolean clear(Caller caller, UUID conversation, Cleared why) {
        Optional<Instant> since = jdbc.sql("""
                UPDATE conversation c SET possible_crisis_since = NULL, possible_crisis_page_at = NULL
                FROM (SELECT id, possible_crisis_since FROM conversation
                      WHERE id = :id AND practice_id = :practice AND possible_crisis_since IS NOT NULL FOR UPDATE) old
                WHERE c.id = old.id RETURNING old.possible_crisis_since""")
                .param("id", conversation)
                .param("practice", caller.practice().value())
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
        if (since.isEmpty()) {
            return false;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("by", why.name().toLowerCase(java.util.Locale.ROOT));
        details.put("minutes", Duration.between(since.get(), clock.instant()).toMinutes());
        auditLog.record(AuditEvent.of(caller, "inbox.conversation.possible-crisis-cleared",
                AuditEvent.Target.of("conversation", conversation), details));
        publisher.publishEvent(new PossibleCrisisCleared(caller, conversation));
        return true;
    }

    /**
     * A conversation no longer a possible crisis but urgent or crisis (a message lifted it, or a clinician judged
     * it): on call has it as such, so the mark and its page go, without an audit event of their own (the lift or
     * the judgement is audited).
     */
    void lifted(UUID conversation) {
        jdbc.sql("UPDATE conversation SET possible_crisis_since = NULL, possible_crisis_page_at = NULL "
                        + "WHERE id = :id AND possible_crisis_since IS NOT NULL")
                .param("id", conversation).update();
    }

    /**
     * Within the pager's transaction: takes up to {@code limit} marks whose page is due, each by one node only
     * (rows another node holds are skipped), and records that they are paged.
     */
    List<Due> takeDue(int limit) {
        List<Due> due = jdbc.sql("""
                SELECT id, practice_id FROM conversation WHERE possible_crisis_page_at <= :now
                ORDER BY possible_crisis_page_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", Timestamp.from(clock.instant()))
                .param("limit", limit)
                .query((rs, n) -> new Due(new PracticeId(rs.getObject("practice_id", UUID.class)),
                        rs.getObject("id", UUID.class)))
                .list();
        if (!due.isEmpty()) {
            jdbc.sql("UPDATE conversation SET possible_crisis_page_at = NULL WHERE id IN (:ids)")
                    .param("ids", due.stream().map(Due::conversation).toList()).update();
        }
        return due;
    }

    /** A marked conversation whose time to be opened has run out. */
    record Due(PracticeId practice, UUID conversation) {
    }

    /** Published in the transaction that cleared a mark: a page of it that is running stops. */
    record PossibleCrisisCleared(Caller caller, UUID conversation) {
    }
}
