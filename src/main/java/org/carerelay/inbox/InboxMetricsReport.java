package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The inbox's handling times, first-contact resolution, volumes and breaches, for a period (30 days by default). */
@Service
public class InboxMetricsReport {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    private final JdbcClient jdbc;
    private final Clock clock;

    InboxMetricsReport(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public InboxMetrics report(Caller caller, Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
        if (!start.isBefore(end)) {
            throw new InvalidFieldException("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(LONGEST_PERIOD) > 0) {
            throw new InvalidFieldException("from", "the period is at most a year");
        }
        Map<String, Object> period = Map.of("practice", caller.practice().value(), "from", Timestamp.from(start),
                "to", Timestamp.from(end));
        long opened = jdbc.sql("SELECT count(*) FROM conversation WHERE practice_id = :practice "
                + "AND created_at >= :from AND created_at < :to").params(period).query(Long.class).single();
        InboxMetrics.Durations firstResponse = durations("first_response_at", period);
        InboxMetrics.Durations resolution = durations("resolved_at", period);
        Double firstContact = jdbc.sql("""
                SELECT avg(CASE WHEN replies = 1 THEN 1.0 ELSE 0.0 END) FROM (
                    SELECT c.id, count(hub.id) AS replies FROM conversation c
                    LEFT JOIN inbox_message m ON m.conversation_id = c.id AND m.direction = 'OUTBOUND'
                    LEFT JOIN message hub ON hub.id = m.message_id AND hub.created_by_type <> 'SYSTEM' -- not automatic
                    WHERE c.practice_id = :practice AND c.resolved_at >= :from AND c.resolved_at < :to
                    GROUP BY c.id) resolved""")
                .params(period).query(Double.class).optional().orElse(null);
        return new InboxMetrics(start, end, opened, firstResponse, resolution, firstContact,
                counts("c.category", period), counts("m.channel", period),
                jdbc.sql("SELECT count(*) FROM sla_breach WHERE practice_id = :practice AND due_at >= :from "
                        + "AND due_at < :to").params(period).query(Long.class).single());
    }

    /** From a conversation's creation to {@code column}, for those that reached it in the period. */
    private InboxMetrics.Durations durations(String column, Map<String, Object> period) {
        return jdbc.sql("""
                SELECT count(*) AS n,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) AS p90,
                       avg(minutes) AS mean
                FROM (SELECT extract(epoch FROM %1$s - created_at) / 60 AS minutes FROM conversation
                      WHERE practice_id = :practice AND %1$s >= :from AND %1$s < :to) handled""".formatted(column))
                .params(period)
                .query((rs, n) -> new InboxMetrics.Durations(rs.getLong("n"), (Double) rs.getObject("median"),
                        (Double) rs.getObject("p90"), rs.getObject("mean") == null ? null : rs.getDouble("mean")))
                .single();
    }

    /** Inbound messages of the period by {@code dimension}. */
    private Map<String, Long> counts(String dimension, Map<String, Object> period) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT lower(%1$s) AS key, count(*) AS n FROM inbox_message m
                JOIN conversation c ON c.id = m.conversation_id
                WHERE m.practice_id = :practice AND m.direction = 'INBOUND' AND m.created_at >= :from
                  AND m.created_at < :to
                GROUP BY %1$s ORDER BY 2 DESC""".formatted(dimension))
                .params(period)
                .query(rs -> {
                    counts.put(rs.getString("key"), rs.getLong("n"));
                });
        return counts;
    }
}
