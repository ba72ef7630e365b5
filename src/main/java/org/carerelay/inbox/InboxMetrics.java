package org.carerelay.inbox;

import java.time.Instant;
import java.util.Map;

/**
 * How the inbox is being worked over a period.
 *
 * @param firstResponseMinutes   receipt of a conversation's first message to the first staff reply
 * @param resolutionMinutes      receipt to resolution
 * @param firstContactResolution the share of resolved conversations that took one staff reply, 0..1 (null if none)
 * @param inboundByCategory      inbound messages by their conversation's category
 * @param inboundByChannel       inbound messages by channel
 * @param slaBreaches            reply clocks that ran out in the period
 */
public record InboxMetrics(Instant from, Instant to, long conversations, Durations firstResponseMinutes,
        Durations resolutionMinutes, Double firstContactResolution, Map<String, Long> inboundByCategory,
        Map<String, Long> inboundByChannel, long slaBreaches) {

    /** Minutes: median, 90th percentile and mean over {@code count} conversations (null when there are none). */
    public record Durations(long count, Double median, Double p90, Double mean) {
    }
}
