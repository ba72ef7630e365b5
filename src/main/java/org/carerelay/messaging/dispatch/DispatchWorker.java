package org.carerelay.messaging.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.carerelay.database.Announcer;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.DeliveryId;
import org.carerelay.messaging.DeliveryStatus;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.Unsubscribes;
import org.carerelay.messaging.inapp.InAppNotifications;
import org.carerelay.messaging.policy.DeliveryPolicy;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries. A batch is claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so nodes never share a
 * delivery, and a node that dies mid-batch only delays it until the lease runs out. The batch's sends run side by
 * side, outside any transaction; each outcome is recorded in a transaction of its own.
 */
@Component
public class DispatchWorker {

    private static final Logger log = LoggerFactory.getLogger(DispatchWorker.class);
    private static final Actor ACTOR = Actor.system("dispatch");
    static final int BATCH = 100;
    private static final String DEV_OUTBOX = "dev-outbox";
    /** How long a claim holds; a claim older than this is taken to be a dead node's and claimed again. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** 8 attempts with backoff from 30 s doubling (with jitter): about 64 minutes from first try to giving up. */
    static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;
    private final Senders senders;
    private final DeliveryLog deliveryLog;
    private final DeliveryContent content;
    private final DeliveryReceipts receipts;
    private final DeliveryPolicy policy;
    private final Unsubscribes unsubscribes;
    private final Announcer announcer;
    private final Clock clock;
    private final boolean enabled;
    /** Providers answer in tens of milliseconds: a batch's sends wait on them side by side, not one by one. */
    private final ExecutorService sending;

    DispatchWorker(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions, Senders senders,
            DeliveryLog deliveryLog, DeliveryContent content, DeliveryReceipts receipts, DeliveryPolicy policy,
            Unsubscribes unsubscribes, Announcer announcer, Clock clock,
            @Value("${carerelay.messaging.dispatch.enabled:true}") boolean enabled,
            @Value("${carerelay.messaging.dispatch.concurrency:100}") int concurrency) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.unsubscribes = unsubscribes;
        this.announcer = announcer;
        this.transactions = transactions;
        this.senders = senders;
        this.deliveryLog = deliveryLog;
        this.content = content;
        this.receipts = receipts;
        this.policy = policy;
        this.clock = clock;
        this.enabled = enabled;
        AtomicInteger threads = new AtomicInteger();
        this.sending = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "dispatch-send-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        sending.shutdown();
    }

    @Scheduled(fixedDelayString = "${carerelay.messaging.dispatch.interval:500ms}")
    void run() {
        if (!enabled) {
            return;
        }
        try {
            while (dispatchDue() == BATCH) {
                // a full batch: there may be more due
            }
        } catch (RuntimeException e) {
            log.error("Dispatch round failed; the deliveries stay claimed until their lease ends", e);
        }
    }

    /**
     * Claims one batch of due deliveries, sends them side by side, and records their outcomes together in one
     * transaction (one audit append for the batch rather than one per delivery: a practice's audit chain takes
     * its appends one at a time). Returns how many it claimed.
     */
    public int dispatchDue() {
        List<OutgoingMessage> claimed = transactions.execute(status -> claim());
        List<Callable<SendOutcome>> sends = claimed.stream()
                .map(message -> (Callable<SendOutcome>) () -> attempt(message)).toList();
        List<Future<SendOutcome>> outcomes;
        try {
            outcomes = sending.invokeAll(sends);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // unrecorded claims are taken back when their lease ends
            return claimed.size();
        }
        recordAll(claimed, outcomes);
        return claimed.size();
    }

    private SendOutcome attempt(OutgoingMessage message) {
        try {
            return senders.send(message);
        } catch (RuntimeException e) {
            log.warn("Adapter failed for delivery {}: {}", message.deliveryId(), e.getClass().getSimpleName());
            return new SendOutcome.TransientFailure("unknown", "adapter-error");
        }
    }

    /** All outcomes in one transaction; should that fail, each in its own, so one bad row spoils no other. */
    private void recordAll(List<OutgoingMessage> claimed, List<Future<SendOutcome>> outcomes) {
        try {
            transactions.executeWithoutResult(status -> {
                List<OutgoingMessage> accepted = new ArrayList<>();
                List<SendOutcome.Accepted> acceptances = new ArrayList<>();
                for (int i = 0; i < claimed.size(); i++) {
                    SendOutcome outcome = outcome(outcomes.get(i));
                    if (outcome instanceof SendOutcome.Accepted acceptance) {
                        accepted.add(claimed.get(i));
                        acceptances.add(acceptance);
                    } else {
                        record(claimed.get(i), outcome);
                    }
                }
                recordAccepted(accepted, acceptances);
            });
        } catch (RuntimeException batchFailed) {
            for (int i = 0; i < claimed.size(); i++) {
                OutgoingMessage message = claimed.get(i);
                SendOutcome outcome = outcome(outcomes.get(i));
                try {
                    transactions.executeWithoutResult(status -> record(message, outcome));
                } catch (RuntimeException e) {
                    log.error("Could not record the outcome of delivery {}; its lease will bring it back",
                            message.deliveryId(), e);
                }
            }
        }
    }

    private static SendOutcome outcome(Future<SendOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.TransientFailure("unknown", "interrupted");
        } catch (ExecutionException e) {
            return new SendOutcome.TransientFailure("unknown", "adapter-error");
        }
    }

    private List<OutgoingMessage> claim() {
        Instant now = clock.instant();
        List<OutgoingMessage> claimed = jdbc.sql("""
                UPDATE delivery d SET status = 'SENDING', claimed_until = :until, attempts = d.attempts + 1,
                       updated_at = :now
                FROM (SELECT id FROM delivery
                      WHERE (status IN ('QUEUED', 'DEFERRED') AND due_at <= :now)
                         OR (status = 'SENDING' AND claimed_until < :now)
                      ORDER BY due_at
                      LIMIT :limit
                      FOR UPDATE SKIP LOCKED) due
                WHERE d.id = due.id
                RETURNING d.*, (SELECT m.purpose FROM message m WHERE m.id = d.message_id) AS purpose""")
                .param("until", Timestamp.from(now.plus(LEASE)))
                .param("now", Timestamp.from(now))
                .param("limit", BATCH)
                .query((rs, n) -> new OutgoingMessage(new PracticeId(rs.getObject("practice_id", UUID.class)),
                        new DeliveryId(rs.getObject("id", UUID.class)), Channel.valueOf(rs.getString("channel")),
                        Purpose.valueOf(rs.getString("purpose")), rs.getString("recipient"),
                        content.open(rs, "subject"), content.open(rs, "body_text"), content.open(rs, "body_html"),
                        rs.getObject("sms_segments", Integer.class), rs.getInt("attempts"),
                        rs.getString("time_zone"), unsubscribes.url(rs.getString("unsubscribe_token")),
                        new ThreadHeaders(rs.getString("email_message_id"), content.open(rs, "in_reply_to"),
                                content.open(rs, "email_references"), rs.getString("reply_to"))))
                .list();
        return claimed;
    }

    /**
     * Records the sends the providers accepted (nearly all of a batch) together: one batch of updates, one of
     * timeline rows. As {@link #record}, each only if the claim is still this worker's.
     */
    private void recordAccepted(List<OutgoingMessage> messages, List<SendOutcome.Accepted> acceptances) {
        if (messages.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            SendOutcome.Accepted accepted = acceptances.get(i);
            rows.add(new Object[] {(accepted.delivered() ? DeliveryStatus.DELIVERED : DeliveryStatus.SENT).name(),
                    accepted.provider(), accepted.providerMessageId(), now, messages.get(i).deliveryId().value(),
                    messages.get(i).attempt()});
        }
        int[] updated = batch.batchUpdate("""
                UPDATE delivery SET status = ?, reason = NULL, provider = ?,
                       provider_message_id = coalesce(?, provider_message_id), claimed_until = NULL, updated_at = ?
                WHERE id = ? AND status = 'SENDING' AND attempts = ?""", rows);
        Map<PracticeId, List<DeliveryLog.Entry>> timelines = new LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            OutgoingMessage message = messages.get(i);
            SendOutcome.Accepted accepted = acceptances.get(i);
            if (updated[i] == 0) {
                continue; // the claim outlived its lease and is another worker's now
            }
            List<DeliveryLog.Entry> timeline = timelines.computeIfAbsent(message.practice(), p -> new ArrayList<>());
            timeline.add(new DeliveryLog.Entry(message.deliveryId(), DeliveryStatus.SENDING, null));
            timeline.add(new DeliveryLog.Entry(message.deliveryId(), DeliveryStatus.SENT, null));
            if (accepted.delivered()) {
                timeline.add(new DeliveryLog.Entry(message.deliveryId(), DeliveryStatus.DELIVERED, null));
            }
            if (message.channel() == Channel.IN_APP) {
                InAppNotifications.announce(jdbc, announcer, message.deliveryId().value());
            }
            forgetSecret(message, accepted.provider());
        }
        timelines.forEach((practice, timeline) -> deliveryLog.recordAll(practice, ACTOR, timeline));
    }

    /**
     * Records what became of one claim. The attempt itself ({@code sending}) enters the timeline and the audit
     * log with its outcome, and only when the provider was tried: a text held back by its sender's rate limit goes
     * back to the queue without a trace, so a backlog waiting for tokens writes nothing each round.
     */
    private void record(OutgoingMessage message, SendOutcome outcome) {
        if (!(outcome instanceof SendOutcome.Deferred)) {
            deliveryLog.record(message.practice(), ACTOR, message.deliveryId(), DeliveryStatus.SENDING, null);
        }
        if (outcome instanceof SendOutcome.Accepted accepted) {
            DeliveryStatus status = accepted.delivered() ? DeliveryStatus.DELIVERED : DeliveryStatus.SENT;
            if (!update(message, status, null, accepted.provider(), accepted.providerMessageId(), null)) {
                return;
            }
            if (accepted.delivered()) {
                deliveryLog.record(message.practice(), ACTOR, message.deliveryId(), DeliveryStatus.SENT, null);
            }
            deliveryLog.record(message.practice(), ACTOR, message.deliveryId(), status, null);
            if (message.channel() == Channel.IN_APP) {
                InAppNotifications.announce(jdbc, announcer, message.deliveryId().value());
            }
            forgetSecret(message, accepted.provider());
        } else if (outcome instanceof SendOutcome.Deferred deferred) {
            // Back in the queue for when the sender's bucket has a token; the attempt does not count.
            jdbc.sql("UPDATE delivery SET status = 'QUEUED', reason = 'rate-limited', claimed_until = NULL, "
                            + "attempts = attempts - 1, due_at = :due, updated_at = :now "
                            + "WHERE id = :id AND status = 'SENDING' AND attempts = :attempt")
                    .param("attempt", message.attempt())
                    .param("due", Timestamp.from(allowedFrom(message, clock.instant().plus(deferred.delay()))))
                    .param("now", Timestamp.from(clock.instant()))
                    .param("id", message.deliveryId().value())
                    .update();
        } else if (outcome instanceof SendOutcome.TransientFailure failure && message.attempt() < MAX_ATTEMPTS) {
            Instant retry = allowedFrom(message, clock.instant().plus(backoff(message.attempt())));
            if (!update(message, DeliveryStatus.QUEUED, "retry:" + failure.code(), failure.provider(), null, retry)) {
                return;
            }
            deliveryLog.record(message.practice(), ACTOR, message.deliveryId(), DeliveryStatus.QUEUED,
                    "retry:" + failure.code());
        } else if (outcome instanceof SendOutcome.TransientFailure failure) {
            fail(message, failure.provider(), "gave-up:" + failure.code());
        } else if (outcome instanceof SendOutcome.PermanentFailure failure) {
            fail(message, failure.provider(), failure.code());
            if (failure.recipientOptedOut()) {
                receipts.suppress(new DeliveryReceipts.Sent(message.practice(), message.deliveryId(),
                        message.channel().name(), message.to()), "carrier-opt-out");
            }
        }
    }

    private void fail(OutgoingMessage message, String provider, String reason) {
        if (update(message, DeliveryStatus.FAILED, reason, provider, null, null)) {
            deliveryLog.record(message.practice(), ACTOR, message.deliveryId(), DeliveryStatus.FAILED, reason);
            forgetSecret(message, provider);
        }
    }

    /**
     * A security message (a sign-in link or code, a password reset link) is a credential: once handed over or
     * given up on, its text is not kept, so neither a database reader nor a backup holds a live link. The dev
     * outbox of local mode is the exception: the row is its mailbox, where the developer reads the link.
     */
    private void forgetSecret(OutgoingMessage message, String provider) {
        if (message.purpose() == Purpose.SECURITY && !DEV_OUTBOX.equals(provider)) {
            jdbc.sql("UPDATE delivery SET body_text = NULL, body_html = NULL WHERE id = :id")
                    .param("id", message.deliveryId().value())
                    .update();
        }
    }

    /**
     * Records the outcome of this claim only: a claim that outlived its lease and was taken again by another
     * worker (a later attempt) is no longer this worker's to settle.
     */
    private boolean update(OutgoingMessage message, DeliveryStatus status, String reason, String provider,
            String providerMessageId, Instant due) {
        return jdbc.sql("""
                UPDATE delivery SET status = :status, reason = :reason, provider = :provider,
                       provider_message_id = coalesce(:providerId, provider_message_id), claimed_until = NULL,
                       due_at = coalesce(:due, due_at), updated_at = :now
                WHERE id = :id AND status = 'SENDING' AND attempts = :attempt""")
                .param("status", status.name())
                .param("reason", reason)
                .param("provider", provider)
                .param("providerId", providerMessageId)
                .param("due", due == null ? null : Timestamp.from(due))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", message.deliveryId().value())
                .param("attempt", message.attempt())
                .update() == 1;
    }

    /** A text put back in the queue keeps to quiet hours too: its new time moves to the morning if need be. */
    private Instant allowedFrom(OutgoingMessage message, Instant due) {
        if (message.channel() != Channel.SMS || message.purpose() == Purpose.SECURITY || message.timeZone() == null) {
            return due;
        }
        return policy.outsideQuietHours(message.practice(), due, java.time.ZoneId.of(message.timeZone()));
    }

    /** 30 s, 1 min, 2 min, … doubling per attempt, with up to 20 % jitter so retries do not arrive together. */
    static Duration backoff(int attempt) {
        long base = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 5 + 1));
    }
}
