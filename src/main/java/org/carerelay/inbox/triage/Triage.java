package org.carerelay.inbox.triage;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.inbox.Category;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Triage of inbound messages: classifies a text with its practice's model, records staff recategorizations, and
 * retrains a practice's model from the corpus and its corrections, on demand and every night.
 */
@Service
public class Triage {

    static final Actor NIGHTLY = Actor.system("triage-retrain");
    /** Longest text triaged; an e-mail longer than this is cut, the rest rarely changes what it is about. */
    public static final int MAX_TEXT_LENGTH = 10_000;

    private final PracticeModels models;
    private final TriageCorrections corrections;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Triage(PracticeModels models, TriageCorrections corrections, AuditLog audit, TransactionTemplate transactions,
            Clock clock) {
        this.models = models;
        this.corrections = corrections;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The category, urgent and crisis flags, risk and language of {@code text}, which is neither stored nor logged. */
    public TriageResult classify(PracticeId practice, String text, TriageChannel channel) {
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(text, "text");
        String triaged = text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text;
        return models.forPractice(practice).classify(triaged, channel == null ? TriageChannel.SMS : channel);
    }

    /**
     * Records that {@code text} should have been {@code category}; the practice's model learns it at its next
     * retrain. Returns the correction's id.
     */
    public UUID recordCorrection(PracticeId practice, Actor actor, String text, Category category) {
        return recordCorrection(practice, actor, text, category, null, null);
    }

    /**
     * Records that {@code text} should have been {@code category}, and, when {@code crisis} is not null, whether it
     * was a crisis and whether it was urgent (a crisis always is); the practice's models learn it at their next
     * retrain. Returns the correction's id.
     */
    public UUID recordCorrection(PracticeId practice, Actor actor, String text, Category category, Boolean crisis,
            Boolean urgent) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(category, "category");
        Boolean isUrgent = crisis == null ? null : crisis || Boolean.TRUE.equals(urgent);
        TriageCorrection correction = new TriageCorrection(UUID.randomUUID(),
                text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text, category, crisis,
                isUrgent, Instant.now(clock));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("category", category);
        if (crisis != null) {
            details.put("crisis", crisis);
            details.put("urgent", isUrgent);
        }
        transactions.executeWithoutResult(status -> {
            corrections.add(practice, correction, actor);
            audit.record(new AuditEvent(practice, actor, "triage.correction.recorded",
                    AuditEvent.Target.of("triage_correction", correction.id()), details));
        });
        return correction.id();
    }

    /**
     * Retrains the practice's model from the corpus and all its corrections; this node uses it when this returns,
     * the others within a minute. Returns the model's generation.
     */
    public long retrain(PracticeId practice, Actor actor) {
        long generation = startGeneration(practice, actor, false);
        models.train(practice, generation);
        return generation;
    }

    /**
     * Every night, on every node: starts a new model generation for each practice with corrections newer than its
     * model (one node wins each), which every node then trains in the background.
     */
    @Scheduled(cron = "${carerelay.triage.retrain-cron:0 30 2 * * *}")
    void retrainPracticesWithNewCorrections() {
        for (PracticeId practice : corrections.withNewCorrections()) {
            long generation = startGeneration(practice, NIGHTLY, true);
            if (generation > 0) {
                models.trainLater(practice, generation);
            }
        }
    }

    private long startGeneration(PracticeId practice, Actor actor, boolean onlyIfNewCorrections) {
        Long generation = transactions.execute(status -> {
            long next = corrections.nextGeneration(practice, Instant.now(clock), onlyIfNewCorrections);
            if (next > 0) {
                audit.record(new AuditEvent(practice, actor, "triage.model.retrained",
                        AuditEvent.Target.of("practice", practice), Map.of("generation", next)));
            }
            return next;
        });
        return generation == null ? 0 : generation;
    }
}
