package org.carerelay.inbox;

/**
 * Which conversations a list shows; null fields do not filter.
 *
 * @param view       {@code mine} (assigned to the caller), {@code team} (the queues of the caller's role),
 *                   {@code unassigned}, {@code needs-matching}, or null for all
 * @param status     OPEN (the default) or RESOLVED
 */
public record ConversationFilter(String view, Boolean urgent, Boolean crisis, Category category, String channel,
        SlaState slaState, String status) {

    public static final ConversationFilter OPEN = new ConversationFilter(null, null, null, null, null, null, null);
}
