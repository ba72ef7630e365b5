package org.carerelay.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed staff sign-ins per account key: after {@value #FREE_FAILURES} failures each further attempt waits twice as
 * long as the last (2 s, 4 s, ...), and {@value #LOCK_AFTER} failures lock the key for
 * {@link #LOCKOUT}. The key is a hash of the address typed, whether or not such staff exists, so the throttle
 * answers the same for every address and reveals nothing.
 */
@Component
class SignInThrottle {

    static final int FREE_FAILURES = 2;
    static final int LOCK_AFTER = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long until {@code key} may try again; empty when it may now. */
    @Transactional(readOnly = true)
    public Optional<Duration> retryAfter(String key) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT failures, last_failure_at, locked_until FROM sign_in_throttle WHERE key_hash = :key")
                .param("key", hash(key))
                .query((rs, n) -> {
                    Timestamp locked = rs.getTimestamp("locked_until");
                    Instant next = locked != null && locked.toInstant().isAfter(now)
                            ? locked.toInstant()
                            : rs.getTimestamp("last_failure_at").toInstant().plus(delay(rs.getInt("failures")));
                    return next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO;
                })
                .optional()
                .filter(wait -> !wait.isZero());
    }

    /**
     * Counts a failure, in a transaction of its own so that it stays counted when the caller's rolls back.
     * Returns how long the key must now wait.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Duration failed(String key) {
        Instant now = clock.instant();
        int failures = jdbc.sql("""
                INSERT INTO sign_in_throttle (key_hash, failures, last_failure_at) VALUES (:key, 1, :now)
                ON CONFLICT (key_hash) DO UPDATE SET
                    failures = CASE WHEN sign_in_throttle.locked_until <= :now THEN 1
                                    ELSE sign_in_throttle.failures + 1 END,
                    locked_until = CASE WHEN sign_in_throttle.locked_until <= :now THEN NULL
                                        ELSE sign_in_throttle.locked_until END,
                    last_failure_at = :now
                RETURNING failures""")
                .param("key", hash(key))
                .param("now", Timestamp.from(now))
                .query(Integer.class)
                .single();
        if (failures >= LOCK_AFTER) {
            jdbc.sql("UPDATE sign_in_throttle SET locked_until = :until WHERE key_hash = :key")
                    .param("until", Timestamp.from(now.plus(LOCKOUT)))
                    .param("key", hash(key))
                    .update();
            return LOCKOUT;
        }
        return delay(failures);
    }

    @Transactional
    public void succeeded(String key) {
        jdbc.sql("DELETE FROM sign_in_throttle WHERE key_hash = :key").param("key", hash(key)).update();
    }

    static Duration delay(int failures) {
        return failures <= FREE_FAILURES ? Duration.ZERO : Duration.ofSeconds(1L << (failures - FREE_FAILURES));
    }

    private static String hash(String key) {
        return Secrets.sha256(key);
    }
}
