package org.carerelay.inbox.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The labelled messages shipped with CareRelay, that every practice's models start from (JSONL under
 * {@code triage/training/}, see the README there): the first corpus, written with the phrase rules; messages in
 * eleven languages written for training by writers who never saw the rules or the code; and the blind development
 * set, each batch of it measured fresh before it joined.
 */
final class TrainingCorpus {

    static final String ALL = "classpath*:triage/training/**/*.jsonl";
    static final String DEVELOPMENT_SET = "classpath*:triage/training/blind-dev/*.jsonl";

    private TrainingCorpus() {
    }

    /** Every training example, in a fixed order (by file name, then line). */
    static List<TriageExample> load() {
        return read(ALL);
    }

    /** The blind development set alone: what the tests hold the cross-validated figures to. */
    static List<TriageExample> developmentSet() {
        return read(DEVELOPMENT_SET);
    }

    private static List<TriageExample> read(String pattern) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(pattern);
            if (files.length == 0) {
                throw new IllegalStateException("The triage corpus " + pattern + " is missing from the class path");
            }
            Arrays.sort(files, Comparator.comparing(TrainingCorpus::path));
            List<TriageExample> examples = new ArrayList<>();
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    examples.addAll(TriageExamples.read(in));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("Triage corpus file " + file.getFilename() + ": "
                            + e.getMessage(), e);
                }
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(Resource file) {
        try {
            String url = file.getURL().toString();
            return url.substring(url.indexOf("triage/training/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
