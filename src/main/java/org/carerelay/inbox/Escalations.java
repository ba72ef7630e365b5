package org.carerelay.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.Messages;
import org.carerelay.practice.Practices;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ConflictException;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The safety net under urgent and crisis messages: the on-call phone is texted at once ("Urgent patient message. Open
 * CareRelay", no PHI) and again every 15 minutes, at any hour, until a member of staff acknowledges the
 * conversation in the console. A possible crisis nobody opened in time is paged the same way
 * ({@link PossibleCrisisPager}); that page also stops when the conversation's mark goes ({@link PossibleCrises}),
 * unless an urgent or crisis message joined it meanwhile.
 */
@Service
public class Escalations {

    static final Duration REPEAT = Duration.ofMinutes(15);
    static final String TEMPLATE = "on-call-alert";
    private static final Actor ACTOR = Actor.system("on-call");
    private static final Logger log = LoggerFactory.getLogger(Escalations.class);
    private static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final Messages messages;
    private final Practices practices;
    private final Settings settings;
    private final AuditLog auditLog;
    private final Conversations conversations;
    private final PossibleCrises possibleCrises;
    private final InboxEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String consoleUrl;
    private final boolean enabled;

    Escalations(JdbcClient jdbc, Messages messages, Practices practices, Settings settings, AuditLog auditLog,
            Conversations conversations, PossibleCrises possibleCrises, InboxEvents events,
            TransactionTemplate transactions, Clock clock,
            @Value("${carerelay.public-base-url}") String publicBaseUrl,
            @Value("${carerelay.messaging.dispatch.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.practices = practices;
        this.settings = settings;
        this.auditLog = auditLog;
        this.conversations = conversations;
        this.possibleCrises = possibleCrises;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.consoleUrl = publicBaseUrl.replaceAll("/+$", "") + "/console/inbox/";
        this.enabled = enabled;
    }

    /**
     * Within the filing transaction: starts paging for {@code conversation}, unless it is already being paged
     * (then a crisis makes the running escalation a crisis one, and a possible crisis's page becomes this
     * message's, which only an acknowledgement stops).
     */
    @Transactional
    void raise(PracticeId practice, UUID conversation, boolean crisis) {
        if (!start(practice, conversation, crisis, false)) {
            jdbc.sql("UPDATE escalation SET crisis = crisis OR :crisis, possible_crisis = false "
                            + "WHERE conversation_id = :conversation AND acknowledged_at IS NULL")
                    .param("crisis", crisis).param("conversation", conversation).update();
        }
    }

    /**
     * Within the pager's transaction: pages on call for a possible crisis nobody opened in time, unless the
     * conversation is already being paged.
     */
    @Transactional
    void raiseUnopenedPossibleCrisis(PracticeId practice, UUID conversation) {
        start(practice, conversation, false, true);
    }

    /** Starts paging and sends the first alert; false when the conversation is already being paged. */
    private boolean start(PracticeId practice, UUID conversation, boolean crisis, boolean possibleCrisis) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        int started = jdbc.sql("""
                INSERT INTO escalation (id, practice_id, conversation_id, crisis, possible_crisis, started_at,
                                        next_alert_at)
                VALUES (:id, :practice, :conversation, :crisis, :possibleCrisis, :now, :now)
                ON CONFLICT (conversation_id) WHERE acknowledged_at IS NULL DO NOTHING""")
                .param("id", id)
                .param("practice", practice.value())
                .param("conversation", conversation)
                .param("crisis", crisis)
                .param("possibleCrisis", possibleCrisis)
                .param("now", Timestamp.from(now))
                .update();
        if (started == 0) {
            return false;
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("escalation", id);
        details.put("crisis", crisis);
        if (possibleCrisis) {
            details.put("possibleCrisis", true);
        }
        auditLog.record(new AuditEvent(practice, ACTOR, "inbox.escalation.raised",
                AuditEvent.Target.of("conversation", conversation), details));
        alert(new Due(id, practice, conversation, crisis, possibleCrisis, 0));
        return true;
    }

    /**
     * Marks the conversation's paging as seen: the alerts stop, and a possible-crisis mark goes. 409 when nothing is
     * being paged or marked; 403 for a member of staff who may not read the message, since taking it means acting
     * on what it says.
     */
    @Transactional
    public void acknowledge(Caller caller, UUID conversation) {
        if (!conversations.maySee(caller, conversations.summary(caller, conversation))) {
            throw new AccessDeniedException("Only staff who may read the message can take it");
        }
        List<UUID> acknowledged = jdbc.sql("""
                UPDATE escalation SET acknowledged_at = :now, acknowledged_by = :staff
                WHERE conversation_id = :conversation AND practice_id = :practice AND acknowledged_at IS NULL
                RETURNING id""")
                .param("now", Timestamp.from(clock.instant()))
                .param("staff", caller.actor().type() == Actor.Type.STAFF ? UUID.fromString(caller.actor().id())
                        : null)
                .param("conversation", conversation)
                .param("practice", caller.practice().value())
                .query(UUID.class).list();
        if (!acknowledged.isEmpty()) {
            auditLog.record(AuditEvent.of(caller, "inbox.escalation.acknowledged",
                    AuditEvent.Target.of("conversation", conversation), Map.of("escalation", acknowledged.get(0))));
        }
        boolean unmarked = possibleCrises.clear(caller, conversation, PossibleCrises.Cleared.ACKNOWLEDGED);
        if (acknowledged.isEmpty() && !unmarked) {
            throw new ConflictException("The conversation has no alert waiting to be acknowledged");
        }
        events.changed(caller.practice());
    }

    /**
     * A possible-crisis mark went (opened, acknowledged, judged): its page stops, if it is still only that. A page
     * an urgent or crisis message has taken over goes on until somebody acknowledges it.
     */
    @EventListener
    void on(PossibleCrises.PossibleCrisisCleared cleared) {
        Caller caller = cleared.caller();
        List<UUID> stopped = jdbc.sql("""
                UPDATE escalation SET acknowledged_at = :now, acknowledged_by = :staff
                WHERE conversation_id = :conversation AND practice_id = :practice AND acknowledged_at IS NULL
                  AND possible_crisis AND NOT crisis
                RETURNING id""")
                .param("now", Timestamp.from(clock.instant()))
                .param("staff", caller.actor().type() == Actor.Type.STAFF ? UUID.fromString(caller.actor().id())
                        : null)
                .param("conversation", cleared.conversation())
                .param("practice", caller.practice().value())
                .query(UUID.class).list();
        if (!stopped.isEmpty()) {
            auditLog.record(AuditEvent.of(caller, "inbox.escalation.acknowledged",
                    AuditEvent.Target.of("conversation", cleared.conversation()), Map.of("escalation",
                            stopped.get(0), "by", "possible-crisis-cleared")));
            events.changed(caller.practice());
        }
    }

    /** Whether the conversation is being paged and nobody has acknowledged it yet. */
    @Transactional(readOnly = true)
    public boolean awaitingAcknowledgement(PracticeId practice, UUID conversation) {
        return jdbc.sql("SELECT EXISTS (SELECT FROM escalation WHERE conversation_id = :c AND practice_id = :p "
                        + "AND acknowledged_at IS NULL)")
                .param("c", conversation).param("p", practice.value()).query(Boolean.class).single();
    }

    @Scheduled(fixedDelayString = "${carerelay.inbox.escalation-interval:30s}")
    void run() {
        if (!enabled) {
            return;
        }
        try {
            while (repeatDue() == BATCH) {
                // a full batch: there may be more due
            }
        } catch (RuntimeException e) {
            log.error("On-call alert round failed; the alerts stay due and go out next round", e);
        }
    }

    /** Sends the alerts that are due again; returns how many. Nodes never take the same escalation. */
    public int repeatDue() {
        Integer sent = transactions.execute(status -> {
            List<Due> due = jdbc.sql("""
                    SELECT id, practice_id, conversation_id, crisis, possible_crisis, alerts_sent FROM escalation
                    WHERE acknowledged_at IS NULL AND next_alert_at <= :now
                    ORDER BY next_alert_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("limit", BATCH)
                    .query((rs, n) -> new Due(rs.getObject("id", UUID.class),
                            new PracticeId(rs.getObject("practice_id", UUID.class)),
                            rs.getObject("conversation_id", UUID.class), rs.getBoolean("crisis"),
                            rs.getBoolean("possible_crisis"), rs.getInt("alerts_sent")))
                    .list();
            due.forEach(this::alert);
            return due.size();
        });
        return sent == null ? 0 : sent;
    }

    /** Texts whoever is on call now, and sets the next alert 15 minutes on. */
    private void alert(Due due) {
        Instant now = clock.instant();
        List<String> phones = onCallPhones(due.practice(), now);
        String language = practices.get(due.practice()).defaultLanguage();
        int minutes = settings.get(due.practice(), Setting.INBOX_POSSIBLE_CRISIS_PAGE_MINUTES);
        for (String phone : phones) {
            messages.alertOnCall(due.practice(), phone, TEMPLATE, language, Map.of("crisis", due.crisis(),
                    "possibleCrisis", due.possibleCrisis() && !due.crisis(), "minutes", minutes,
                    "link", consoleUrl + due.conversation()));
        }
        if (phones.isEmpty()) {
            log.warn("Practice {} has nobody on call for an urgent message; set inbox.on-call-phone or a shift",
                    due.practice());
        }
        jdbc.sql("UPDATE escalation SET alerts_sent = alerts_sent + 1, next_alert_at = :next WHERE id = :id")
                .param("next", Timestamp.from(now.plus(REPEAT)))
                .param("id", due.id())
                .update();
        auditLog.record(new AuditEvent(due.practice(), ACTOR, "inbox.escalation.alerted",
                AuditEvent.Target.of("conversation", due.conversation()),
                Map.of("escalation", due.id(), "alert", due.alertsSent() + 1, "phones", phones.size())));
    }

    /** The phones of the shifts covering {@code at}; else the practice's on-call number; else nobody. */
    private List<String> onCallPhones(PracticeId practice, Instant at) {
        List<String> shifts = jdbc.sql("SELECT DISTINCT phone FROM on_call_shift WHERE practice_id = :practice "
                        + "AND starts_at <= :at AND ends_at > :at")
                .param("practice", practice.value())
                .param("at", Timestamp.from(at))
                .query(String.class).list();
        if (!shifts.isEmpty()) {
            return shifts;
        }
        String fallback = settings.get(practice, Setting.INBOX_ON_CALL_PHONE);
        return fallback.equals("none") ? List.of() : List.of(fallback);
    }

    private record Due(UUID id, PracticeId practice, UUID conversation, boolean crisis, boolean possibleCrisis,
            int alertsSent) {
    }
}
