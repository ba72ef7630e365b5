package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import opennlp.tools.doccat.FeatureGenerator;

/**
 * What the category model learns from: each word, each pair of neighbouring words ("lab results" is not "lab" and
 * "results"), the {@link TopicWords topics} a word marks, the inner pieces of longer words (so "apointment",
 * "reschudle" and "resurtido" share features with the spellings the corpus has) and how long the message is (a
 * two-word text is mostly a thank-you or a "C"). Pieces and topics together took cross-validated accuracy on the
 * corpus from 73 % (words and pairs alone) to 87 %.
 */
final class TriageFeatures implements FeatureGenerator {

    private static final int MIN_PIECE = 3;
    private static final int MAX_PIECE = 5;
    private static final int MIN_WORD_FOR_PIECES = 5;

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length * 8);
        features.add("len=" + lengthBucket(tokens.length));
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            features.add("w=" + token);
            TopicWords.of(token).forEach(topic -> features.add("t=" + topic));
            if (i + 1 < tokens.length) {
                features.add("b=" + token + "_" + tokens[i + 1]);
            }
            if (token.length() >= MIN_WORD_FOR_PIECES) {
                String padded = "<" + token + ">";
                for (int n = MIN_PIECE; n <= MAX_PIECE; n++) {
                    for (int start = 0; start + n <= padded.length(); start++) {
                        features.add("c=" + padded.substring(start, start + n));
                    }
                }
            }
        }
        return features;
    }

    private static String lengthBucket(int words) {
        if (words <= 1) {
            return "1";
        }
        if (words <= 3) {
            return "2-3";
        }
        return words <= 8 ? "4-8" : "9+";
    }
}
