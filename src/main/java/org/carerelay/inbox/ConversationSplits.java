package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ConflictException;
import org.carerelay.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff correcting the threading: two conversations about one thing become one, and a conversation that drifted
 * to a new topic is split where the new topic starts.
 */
@Service
public class ConversationSplits {

    private final JdbcClient jdbc;
    private final Conversations conversations;
    private final InboxEvents events;
    private final AuditLog auditLog;
    private final Clock clock;

    ConversationSplits(JdbcClient jdbc, Conversations conversations, InboxEvents events, AuditLog auditLog,
            Clock clock) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.events = events;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Moves every message of {@code source} into {@code target}, which takes the stronger flags, the earlier
     * reply clock and the earlier possible-crisis mark; {@code source} is resolved and points to {@code target}.
     * Both must be with the same patient.
     */
    @Transactional
    public void merge(Caller caller, UUID target, UUID source) {
        if (target.equals(source)) {
            throw new ConflictException("A conversation cannot be merged into itself");
        }
        ConversationSummary into = conversations.summary(caller, target);
        ConversationSummary from = conversations.summary(caller, source);
        if (into.patientId() == null || !Objects.equals(into.patientId(), from.patientId())) {
            throw new ConflictException("Only conversations with the same patient can be merged");
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE inbox_message SET conversation_id = :target WHERE conversation_id = :source")
                .param("target", target).param("source", source).update();
        jdbc.sql("UPDATE escalation SET conversation_id = :target WHERE conversation_id = :source "
                        + "AND NOT EXISTS (SELECT FROM escalation e WHERE e.conversation_id = :target "
                        + "AND e.acknowledged_at IS NULL)")
                .param("target", target).param("source", source).update();
        jdbc.sql("""
                UPDATE conversation c SET urgent = c.urgent OR s.urgent, crisis = c.crisis OR s.crisis,
                       queue = CASE WHEN c.urgent OR s.urgent OR c.crisis OR s.crisis THEN 'ON_CALL'
                                    WHEN s.possible_crisis AND c.queue = 'FRONT_DESK' THEN 'CLINICAL'
                                    ELSE c.queue END,
                       possible_crisis = c.possible_crisis OR s.possible_crisis,
                       possible_crisis_since = CASE WHEN c.urgent OR s.urgent OR c.crisis OR s.crisis THEN NULL
                                                    ELSE least(c.possible_crisis_since, s.possible_crisis_since) END,
                       possible_crisis_page_at = CASE WHEN c.urgent OR s.urgent OR c.crisis OR s.crisis THEN NULL
                                                      ELSE least(c.possible_crisis_page_at, s.possible_crisis_page_at)
                                                 END,
                       status = 'OPEN', resolved_at = NULL,
                       sla_started_at = least(c.sla_started_at, s.sla_started_at),
                       sla_warn_at = least(c.sla_warn_at, s.sla_warn_at),
                       sla_due_at = least(c.sla_due_at, s.sla_due_at),
                       last_message_at = greatest(c.last_message_at, s.last_message_at), updated_at = :now
                FROM conversation s WHERE c.id = :target AND s.id = :source""")
                .param("now", Timestamp.from(now)).param("target", target).param("source", source).update();
        jdbc.sql("""
                UPDATE conversation SET status = 'RESOLVED', resolved_at = :now, merged_into = :target,
                       sla_started_at = NULL, sla_warn_at = NULL, sla_due_at = NULL, possible_crisis_since = NULL,
                       possible_crisis_page_at = NULL, updated_at = :now
                WHERE id = :source""")
                .param("now", Timestamp.from(now)).param("target", target).param("source", source).update();
        auditLog.record(AuditEvent.of(caller, "inbox.conversation.merged", AuditEvent.Target.of("conversation",
                target), Map.of("from", source)));
        events.changed(caller.practice());
    }

    /**
     * Moves {@code fromMessage} and every later message of the conversation into a new conversation with the
     * same patient, which starts its own reply clock if an inbound message among them awaits a reply. Both keep the
     * flags and any possible-crisis mark: either may hold the message that raised them. Returns the new
     * conversation's id.
     */
    @Transactional
    public UUID split(Caller caller, UUID conversation, UUID fromMessage) {
        conversations.summary(caller, conversation);
        Instant at = jdbc.sql("SELECT created_at FROM inbox_message WHERE id = :m AND conversation_id = :c")
                .param("m", fromMessage).param("c", conversation)
                .query(Timestamp.class).optional()
                .orElseThrow(() -> new NotFoundException("Message", "fromMessageId")).toInstant();
        boolean earlier = jdbc.sql("SELECT EXISTS (SELECT FROM inbox_message WHERE conversation_id = :c "
                        + "AND (created_at, id) < (:at, :m))")
                .param("c", conversation).param("at", Timestamp.from(at)).param("m", fromMessage)
                .query(Boolean.class).single();
        if (!earlier) {
            throw new ConflictException("Split after the first message: there is nothing before it to keep");
        }
        UUID split = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO conversation (id, practice_id, patient_id, sender, channel, location_id, category, urgent,
                                          crisis, queue, status, sla_started_at, sla_warn_at, sla_due_at,
                                          possible_crisis, possible_crisis_since, possible_crisis_page_at,
                                          last_message_at, created_at, updated_at)
                SELECT :split, practice_id, patient_id, sender, channel, location_id, category, urgent, crisis, queue,
                       'OPEN', sla_started_at, sla_warn_at, sla_due_at, possible_crisis, possible_crisis_since,
                       possible_crisis_page_at, last_message_at, :now, :now
                FROM conversation WHERE id = :c""")
                .param("split", split).param("now", Timestamp.from(now)).param("c", conversation).update();
        jdbc.sql("UPDATE inbox_message SET conversation_id = :split WHERE conversation_id = :c "
                        + "AND (created_at, id) >= (:at, :m)")
                .param("split", split).param("c", conversation).param("at", Timestamp.from(at))
                .param("m", fromMessage).update();
        // What stayed behind ends with its own latest message; its clock went with the awaiting messages.
        jdbc.sql("""
                UPDATE conversation SET last_message_at = (SELECT max(created_at) FROM inbox_message
                                                           WHERE conversation_id = :c),
                       sla_started_at = NULL, sla_warn_at = NULL, sla_due_at = NULL, updated_at = :now
                WHERE id = :c""")
                .param("c", conversation).param("now", Timestamp.from(now)).update();
        auditLog.record(AuditEvent.of(caller, "inbox.conversation.split", AuditEvent.Target.of("conversation",
                conversation), Map.of("into", split, "fromMessage", fromMessage)));
        events.changed(caller.practice());
        return split;
    }
}
