package org.carerelay.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes what sign-in no longer needs: links a day past their expiry (used or not, they open nothing), and
 * throttles of addresses that have not failed for a day and are not locked. Their issue and use are in the audit
 * log; these rows are only working state.
 */
@Component
class StaleSignInRecords {

    static final Duration KEPT = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    StaleSignInRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${carerelay.sessions.reap-interval:60s}")
    @Transactional
    public void delete() {
        Timestamp before = Timestamp.from(clock.instant().minus(KEPT));
        jdbc.sql("DELETE FROM sign_in_link WHERE expires_at < :before").param("before", before).update();
        jdbc.sql("DELETE FROM sign_in_throttle WHERE last_failure_at < :before "
                        + "AND (locked_until IS NULL OR locked_until < :now)")
                .param("before", before)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }
}
