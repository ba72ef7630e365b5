package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;

/**
 * The conversations an inbox filter selects, as SQL: the {@code FROM … WHERE …} clause and its named parameters,
 * always scoped to the caller's practice.
 *
 * <p>Status and the urgent and crisis flags are written into the SQL as literals, not parameters: they come from
 * closed sets, and a literal lets PostgreSQL use the partial indexes of open, urgent and crisis conversations
 * (V15) even in the generic plan it makes of a statement prepared many times, where a parameter's value is not
 * known.
 */
record ConversationQuery(String from, Map<String, Object> params, String orderBy) {

    /** The most recently active first; the id makes the order total, so that pages neither repeat nor skip. */
    static final String ORDER_BY = "last_message_at DESC, id";
    /**
     * For a clinical reader's open conversations: those marked as a possible crisis nobody has opened yet first, then
     * the same order. Written as the index conversation_open_marked_first (V30) has it, which serves it.
     */
    static final String MARKED_FIRST = "(possible_crisis_since IS NULL), last_message_at DESC, id";

    /**
     * @param clinicalReader the caller may read clinical content: open conversations marked as a possible crisis
     *                       come first
     */
    static ConversationQuery of(Caller caller, ConversationFilter filter, Instant now, boolean clinicalReader) {
        Map<String, Object> params = new HashMap<>();
        params.put("practice", caller.practice().value());
        params.put("now", Timestamp.from(now));
        StringBuilder where = new StringBuilder("FROM conversation WHERE practice_id = :practice");
        where.append(" AND status = ").append(status(filter.status()));
        if (filter.view() != null) {
            switch (filter.view()) {
                case "mine" -> {
                    where.append(" AND assigned_to = :me");
                    params.put("me", staffId(caller));
                }
                case "team" -> {
                    List<String> queues = queuesOf(caller).stream().map(Enum::name).toList();
                    where.append(queues.isEmpty() ? " AND false" : " AND queue IN (:queues)");
                    params.put("queues", queues);
                }
                case "unassigned" -> where.append(" AND assigned_to IS NULL");
                case "needs-matching" -> where.append(" AND patient_id IS NULL");
                default -> throw new InvalidFieldException("view",
                        "must be one of mine, team, unassigned, needs-matching");
            }
        }
        if (filter.urgent() != null) {
            where.append(filter.urgent() ? " AND urgent" : " AND NOT urgent");
        }
        if (filter.crisis() != null) {
            where.append(filter.crisis() ? " AND crisis" : " AND NOT crisis");
        }
        if (filter.category() != null) {
            where.append(" AND category = :category");
            params.put("category", filter.category().name());
        }
        if (filter.channel() != null) {
            where.append(" AND channel = :channel");
            params.put("channel", filter.channel().toUpperCase());
        }
        if (filter.slaState() != null) {
            where.append(switch (filter.slaState()) {
                case ANSWERED -> " AND sla_due_at IS NULL";
                case ON_TRACK -> " AND sla_warn_at > :now";
                case DUE_SOON -> " AND sla_warn_at <= :now AND sla_due_at > :now";
                case BREACHED -> " AND sla_due_at <= :now";
            });
        }
        boolean open = status(filter.status()).equals("'OPEN'");
        return new ConversationQuery(where.toString(), params, clinicalReader && open ? MARKED_FIRST : ORDER_BY);
    }

    private static String status(String status) {
        if (status == null || status.equalsIgnoreCase("open")) {
            return "'OPEN'";
        }
        if (status.equalsIgnoreCase("resolved")) {
            return "'RESOLVED'";
        }
        throw new InvalidFieldException("status", "must be one of open, resolved");
    }

    /** The queues a role works: "my team". */
    static Set<Queue> queuesOf(Caller caller) {
        StaffRole role;
        try {
            role = StaffRole.valueOf(caller.role());
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
        return switch (role) {
            case FRONT_DESK, BILLING -> Set.of(Queue.FRONT_DESK);
            case CLINICAL_STAFF -> Set.of(Queue.CLINICAL);
            case DOCTOR -> Set.of(Queue.CLINICAL, Queue.ON_CALL);
            default -> Set.of(Queue.values());
        };
    }

    private static UUID staffId(Caller caller) {
        if (caller.actor().type() != Actor.Type.STAFF) {
            throw new InvalidFieldException("view", "mine is for signed-in staff, not API tokens");
        }
        return UUID.fromString(caller.actor().id());
    }
}
