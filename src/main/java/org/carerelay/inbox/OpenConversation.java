package org.carerelay.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation a message joins, as triage left it, and the rule for what a newly triaged message makes of it.
 *
 * <p>An urgent or crisis message <em>lifts</em> the conversation it joins rather than opening one of its own: the
 * conversation takes the message's category, its urgent and crisis flags, the on-call queue, and the urgent reply
 * clock from the message's arrival (unless its clock was already due sooner). Staff then see one conversation,
 * at the top of the inbox with its Crisis badge, that holds both the crisis and what the patient was asking
 * before it: the on-call clinician needs that context (the refill in the same conversation may be the pills of an
 * overdose), and whoever was working the earlier topic cannot go on with it unaware of the crisis, which a second
 * conversation beside it would allow. A calmer message never lowers anything.
 *
 * @param resolved for one an e-mail answers after it was resolved
 */
record OpenConversation(UUID id, boolean urgent, boolean crisis, Category category, UUID locationId,
        Instant slaDueAt, boolean resolved) {

    static final String COLUMNS = "id, urgent, crisis, category, location_id, sla_due_at, status";

    static OpenConversation read(ResultSet rs) throws SQLException {
        return new OpenConversation(rs.getObject("id", UUID.class), rs.getBoolean("urgent"), rs.getBoolean("crisis"),
                Category.valueOf(rs.getString("category")), rs.getObject("location_id", UUID.class),
                rs.getTimestamp("sla_due_at") == null ? null : rs.getTimestamp("sla_due_at").toInstant(),
                rs.getString("status").equals("RESOLVED"));
    }

    /** Whether a message triaged as {@code decision} raises this conversation to urgent, or to crisis. */
    boolean liftedBy(TriageDecision decision) {
        return decision.crisis() && !crisis || (decision.urgent() || decision.crisis()) && !urgent;
    }

    /** What the conversation becomes when a message triaged as {@code decision} joins it. */
    Joined joinedBy(TriageDecision decision) {
        boolean lifted = liftedBy(decision);
        boolean nowUrgent = urgent || decision.urgent() || decision.crisis();
        return new Joined(lifted ? decision.category() : category, nowUrgent, crisis || decision.crisis(),
                nowUrgent ? Queue.ON_CALL : null, lifted);
    }

    /** Whether a reply clock due at {@code due} replaces this conversation's: nothing awaited a reply, or it is sooner. */
    boolean clockGivesWayTo(Instant due) {
        return slaDueAt == null || due.isBefore(slaDueAt);
    }

    /**
     * The conversation's triage after a message joined it.
     *
     * @param queue  ON_CALL for an urgent conversation; null: the queue stays as it is
     * @param lifted the message raised it to urgent or crisis: its category is now the message's
     */
    record Joined(Category category, boolean urgent, boolean crisis, Queue queue, boolean lifted) {
    }
}
