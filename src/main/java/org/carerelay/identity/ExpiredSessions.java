package org.carerelay.identity;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes sessions idle past their timeout and audits each signed-in one as {@code session.expired} in its
 * practice. Several nodes may run this at once: each takes different rows.
 */
@Component
@ConditionalOnWebApplication
class ExpiredSessions {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ExpiredSessions(JdbcClient jdbc, AuditLog auditLog, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${carerelay.sessions.reap-interval:60s}")
    void reap() {
        Integer reaped;
        do {
            reaped = transactions.execute(status -> reapBatch());
        } while (reaped != null && reaped == BATCH);
    }

    private int reapBatch() {
        List<String> principals = jdbc.sql("""
                DELETE FROM spring_session WHERE primary_id IN (
                    SELECT primary_id FROM spring_session WHERE expiry_time < :now
                    ORDER BY expiry_time LIMIT :batch FOR UPDATE SKIP LOCKED)
                RETURNING coalesce(principal_name, '')""")
                .param("now", clock.millis())
                .param("batch", BATCH)
                .query(String.class)
                .list();
        for (String principal : principals) {
            String[] parts = principal.split(":");
            if (parts.length == 3) {
                PracticeId practice = new PracticeId(UUID.fromString(parts[1]));
                Actor actor = new Actor(Actor.Type.valueOf(parts[0]), parts[2]);
                auditLog.record(new AuditEvent(practice, actor, "session.expired", WebSessions.target(actor),
                        Map.of("reason", "idle")));
            }
        }
        return principals.size();
    }
}
