package org.carerelay.inbox.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The labelled messages shipped with CareRelay ({@code triage/corpus.jsonl}): synthetic patient messages in English
 * and Spanish, written for training, that every practice's model starts from.
 */
final class TrainingCorpus {

    static final String RESOURCE = "/triage/corpus.jsonl";

    private TrainingCorpus() {
    }

    static List<TriageExample> load() {
        try (InputStream corpus = TrainingCorpus.class.getResourceAsStream(RESOURCE)) {
            if (corpus == null) {
                throw new IllegalStateException("The triage corpus " + RESOURCE + " is missing from the class path");
            }
            return TriageExamples.read(corpus);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
