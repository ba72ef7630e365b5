package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This node's trained classifiers: the shared one from the corpus alone, trained once (in the background when the
 * application is ready, or by the first message that needs it), and one for each practice whose staff have
 * corrected its triage (corpus plus corrections). Models live in memory, one set per node; {@code triage_model}
 * holds each practice's generation, and every node retrains a practice whose generation has moved on, so a retrain
 * on one node reaches the others within {@code carerelay.triage.model-sync-interval}.
 *
 * <p>Training takes a second or more. Background training has a thread of its own: the application's scheduler
 * has one thread, which the dispatch worker needs every half second.
 */
@Component
class PracticeModels {

    private static final Logger log = LoggerFactory.getLogger(PracticeModels.class);

    /**
     * A correction counts three times against the corpus's one: staff correct what the corpus got wrong for their
     * patients, and a single example among a thousand would barely move the model.
     */
    static final int CORRECTION_WEIGHT = 3;

    private final TriageCorrections corrections;
    private final boolean warmUp;
    private final Map<PracticeId, Trained> practices = new ConcurrentHashMap<>();
    private final Set<PracticeId> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService training = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "triage-training");
        thread.setDaemon(true);
        return thread;
    });

    PracticeModels(TriageCorrections corrections, @Value("${carerelay.triage.warm-up:true}") boolean warmUp) {
        this.corrections = corrections;
        this.warmUp = warmUp;
    }

    private record Trained(long generation, TriageClassifier classifier) {
    }


    /** The classifier this node uses for {@code practice}: its own once trained, the shared one until then. */
    TriageClassifier forPractice(PracticeId practice) {
        Trained trained = practices.get(practice);
        return trained != null ? trained.classifier() : base();
    }

    /** The classifier trained on the corpus alone. */
    TriageClassifier base() {
        return ShippedModels.get().classifier();
    }

    /** So that the first message after a start is not the one that waits for the training. */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (warmUp) {
            training.execute(this::base);
        }
    }

    /** Trains {@code practice}'s classifier at {@code generation} from the corpus and its corrections, now. */
    void train(PracticeId practice, long generation) {
        ShippedModels shared = ShippedModels.get();
        List<TriageCorrection> practiceCorrections = corrections.of(practice);
        List<TriageExample> corpus = shared.corpus();
        List<TriageExample> categories = new ArrayList<>(corpus);
        List<TriageExample> risks = new ArrayList<>(corpus);
        for (TriageCorrection correction : practiceCorrections) {
            for (int i = 0; i < CORRECTION_WEIGHT; i++) {
                categories.add(new TriageExample(correction.id().toString(), correction.text(),
                        correction.category(), false, false, null));
                if (correction.crisis() != null) {
                    risks.add(new TriageExample(correction.id().toString(), correction.text(),
                            correction.category(), correction.crisis(), correction.urgent(), null));
                }
            }
        }
        RiskModel riskModel = risks.size() > corpus.size() ? RiskModel.train(risks) : shared.risks();
        TriageClassifier classifier = new TriageClassifier(CategoryModel.train(categories), riskModel,
                shared.languages());
        practices.merge(practice, new Trained(generation, classifier),
                (old, fresh) -> fresh.generation() >= old.generation() ? fresh : old);
        log.info("Triage model of practice {} trained: generation {}, {} corrections", practice, generation,
                practiceCorrections.size());
    }

    /** Trains {@code practice}'s classifier on the training thread, unless it is already waiting there. */
    void trainLater(PracticeId practice, long generation) {
        if (queued.add(practice)) {
            training.execute(() -> {
                queued.remove(practice);
                try {
                    train(practice, generation);
                } catch (RuntimeException e) {
                    log.warn("Triage model of practice {} could not be trained", practice, e);
                }
            });
        }
    }

    /** Retrains, in the background, every practice whose model generation is ahead of this node's. */
    @Scheduled(fixedDelayString = "${carerelay.triage.model-sync-interval:60s}")
    void sync() {
        for (TriageCorrections.Generation current : corrections.generations()) {
            Trained trained = practices.get(current.practice());
            if (trained == null || trained.generation() < current.generation()) {
                trainLater(current.practice(), current.generation());
            }
        }
    }

    @PreDestroy
    void stop() {
        training.shutdownNow();
    }
}
