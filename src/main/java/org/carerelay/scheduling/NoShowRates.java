package org.carerelay.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.carerelay.practice.CancelReason;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The no-show rate per week and location: of the visits that were due (completed, checked in or missed; not the
 * cancelled ones, which freed their slot), the share missed; beside it the cancelled visits, also by reason. Weeks
 * start on Monday in each location's time zone. Counts only: no patient is named.
 */
@Service
public class NoShowRates {

    /** The most weeks one report covers. */
    public static final int MAX_WEEKS = 104;

    /** One location's week. {@code rate} is null for a week without due visits. */
    public record Week(UUID locationId, String locationName, LocalDate week, int due, int missed, Double rate,
            int cancelled) {
    }

    /** One location's cancelled visits of the weeks reported, for one reason; {@code reason} null: not given. */
    public record Cancellations(UUID locationId, String locationName, CancelReason reason, int count) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    NoShowRates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The last {@code weeks} weeks up to now, by location then week. */
    @Transactional(readOnly = true)
    public List<Week> lastWeeks(PracticeId practice, int weeks) {
        checkWeeks(weeks);
        return jdbc.sql("""
                SELECT l.id, l.name, w.week::date AS week,
                       count(a.id) FILTER (WHERE a.status <> 'CANCELLED') AS due,
                       count(a.id) FILTER (WHERE a.status = 'NO_SHOW') AS missed,
                       count(a.id) FILTER (WHERE a.status = 'CANCELLED') AS cancelled
                FROM location l
                CROSS JOIN LATERAL generate_series(
                        date_trunc('week', (CAST(:now AS timestamptz) AT TIME ZONE l.time_zone))
                            - (CAST(:weeks AS integer) - 1) * interval '1 week',
                        date_trunc('week', (CAST(:now AS timestamptz) AT TIME ZONE l.time_zone)),
                        interval '1 week') AS w(week)
                LEFT JOIN appointment a
                       ON a.practice_id = l.practice_id AND a.location_id = l.id
                      AND a.status IN ('COMPLETED', 'CHECKED_IN', 'NO_SHOW', 'CANCELLED')
                      AND a.starts_at >= (w.week AT TIME ZONE l.time_zone)
                      AND a.starts_at < ((w.week + interval '1 week') AT TIME ZONE l.time_zone)
                      AND a.starts_at < :now
                WHERE l.practice_id = :practice
                GROUP BY l.id, l.name, w.week
                ORDER BY l.name, l.id, w.week""")
                .param("practice", practice.value())
                .param("now", Timestamp.from(clock.instant()))
                .param("weeks", weeks)
                .query((rs, n) -> {
                    int due = rs.getInt("due");
                    int missed = rs.getInt("missed");
                    return new Week(rs.getObject("id", UUID.class), rs.getString("name"),
                            rs.getObject("week", LocalDate.class), due, missed, due == 0 ? null : (double) missed / due,
                            rs.getInt("cancelled"));
                })
                .list();
    }

    /**
     * The visits of the last {@code weeks} weeks up to now that were cancelled, by location and reason, the most
     * frequent reason first.
     */
    @Transactional(readOnly = true)
    public List<Cancellations> cancellations(PracticeId practice, int weeks) {
        checkWeeks(weeks);
        return jdbc.sql("""
                SELECT l.id, l.name, a.cancel_reason, count(*) AS cancelled
                FROM appointment a JOIN location l ON l.id = a.location_id AND l.practice_id = a.practice_id
                WHERE a.practice_id = :practice AND a.status = 'CANCELLED' AND a.starts_at < :now
                  AND a.starts_at >= ((date_trunc('week', (CAST(:now AS timestamptz) AT TIME ZONE l.time_zone))
                                       - (CAST(:weeks AS integer) - 1) * interval '1 week') AT TIME ZONE l.time_zone)
                GROUP BY l.id, l.name, a.cancel_reason
                ORDER BY l.name, l.id, cancelled DESC, a.cancel_reason""")
                .param("practice", practice.value())
                .param("now", Timestamp.from(clock.instant()))
                .param("weeks", weeks)
                .query((rs, n) -> new Cancellations(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("cancel_reason") == null ? null : CancelReason.valueOf(rs.getString(
                                "cancel_reason")), rs.getInt("cancelled")))
                .list();
    }

    private static void checkWeeks(int weeks) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new InvalidFieldException("weeks", "must be between 1 and " + MAX_WEEKS);
        }
    }
}
