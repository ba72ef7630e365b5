package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * K-fold cross-validation of the trained layers: the corpus is dealt into {@code folds} parts, each part is triaged
 * by models trained on the others, and the evaluation covers the examples asked for (the blind development set)
 * with those out-of-fold results, so that no example is judged by a model that learned it.
 */
final class TriageCrossValidation {

    /** Fixed, so that a run can be repeated and compared. */
    private static final long SEED = 20261207L;

    private TriageCrossValidation() {
    }

    static TriageEvaluation run(List<TriageExample> corpus, Set<String> evaluated, int folds) {
        List<TriageExample> shuffled = new ArrayList<>(corpus);
        Collections.shuffle(shuffled, new Random(SEED));
        Map<TriageExample, TriageResult> results = new ConcurrentHashMap<>();
        // The folds train side by side: each is independent, and training is most of the time.
        IntStream.range(0, folds).parallel().forEach(fold -> {
            List<TriageExample> training = new ArrayList<>();
            List<TriageExample> held = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % folds == fold ? held : training).add(shuffled.get(i));
            }
            TriageClassifier classifier = TriageClassifier.trainedOn(training);
            for (TriageExample example : held) {
                if (evaluated.contains(example.id())) {
                    results.put(example, classifier.classify(example.text(), channel(example)));
                }
            }
        });
        List<TriageExample> judged = corpus.stream().filter(results::containsKey).toList();
        return TriageEvaluation.of(judged, results::get);
    }

    static TriageChannel channel(TriageExample example) {
        return example.channel() == null ? TriageChannel.SMS : example.channel();
    }
}
