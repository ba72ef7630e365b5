package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.Messages;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices reply clocks that ran out: each breach is recorded once (for the metrics), and the practice's
 * supervisors (clinic administrators) get one e-mail per round naming how many conversations are overdue, with a
 * link to them, never their content. Several nodes may run it: a breach is recorded by one of them only.
 */
@Component
class SlaMonitor {

    static final String TEMPLATE = "inbox-sla-breach";
    private static final Actor ACTOR = Actor.system("inbox-sla");
    private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

    private final JdbcClient jdbc;
    private final Messages messages;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String overdueUrl;
    private final boolean enabled;

    SlaMonitor(JdbcClient jdbc, Messages messages, AuditLog auditLog, TransactionTemplate transactions, Clock clock,
            @Value("${carerelay.public-base-url}") String publicBaseUrl,
            @Value("${carerelay.messaging.dispatch.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.auditLog = auditLog;
        this.transactions = transactions;
        this.clock = clock;
        this.overdueUrl = publicBaseUrl.replaceAll("/+$", "") + "/console/inbox?sla=breached";
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${carerelay.inbox.sla-check-interval:60s}")
    void run() {
        if (!enabled) {
            return;
        }
        try {
            noticeBreaches();
        } catch (RuntimeException e) {
            log.error("Reply-clock round failed; the breaches are noticed next round", e);
        }
    }

    /** Records the breaches not yet noticed and tells each practice's supervisors; returns how many. */
    int noticeBreaches() {
        Integer noticed = transactions.execute(status -> {
            Instant now = clock.instant();
            record Breach(UUID conversation, PracticeId practice) {
            }
            List<Breach> breaches = jdbc.sql("""
                    INSERT INTO sla_breach (conversation_id, due_at, practice_id, noticed_at)
                    SELECT id, sla_due_at, practice_id, :now FROM conversation
                    WHERE sla_due_at <= :now AND status = 'OPEN'
                    ON CONFLICT DO NOTHING
                    RETURNING conversation_id, practice_id""")
                    .param("now", Timestamp.from(now))
                    .query((rs, n) -> new Breach(rs.getObject("conversation_id", UUID.class),
                            new PracticeId(rs.getObject("practice_id", UUID.class))))
                    .list();
            Map<PracticeId, List<UUID>> byPractice = breaches.stream().collect(java.util.stream.Collectors.groupingBy(
                    Breach::practice, java.util.stream.Collectors.mapping(Breach::conversation,
                            java.util.stream.Collectors.toList())));
            byPractice.forEach(this::tellSupervisors);
            return breaches.size();
        });
        return noticed == null ? 0 : noticed;
    }

    private void tellSupervisors(PracticeId practice, List<UUID> conversations) {
        List<String[]> supervisors = jdbc.sql("""
                SELECT s.email, p.default_language FROM staff_user s JOIN practice p ON p.id = s.practice_id
                WHERE s.practice_id = :practice AND s.active AND s.role = 'CLINIC_ADMIN'""")
                .param("practice", practice.value())
                .query((rs, n) -> new String[] {rs.getString("email"), rs.getString("default_language")})
                .list();
        for (String[] supervisor : supervisors) {
            messages.notifyStaff(practice, supervisor[0], TEMPLATE, supervisor[1],
                    Map.of("count", conversations.size(), "link", overdueUrl));
        }
        auditLog.record(new AuditEvent(practice, ACTOR, "inbox.sla.breached", null,
                Map.of("conversations", conversations, "supervisorsTold", supervisors.size())));
    }
}
