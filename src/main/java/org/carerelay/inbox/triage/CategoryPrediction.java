package org.carerelay.inbox.triage;

import java.util.List;
import java.util.Map;

/**
 * The category model's answer for one text.
 *
 * @param probabilities every category's probability
 * @param cues          the text's words that point most strongly at {@code category}, strongest first
 */
record CategoryPrediction(TriageCategory category, double probability, Map<TriageCategory, Double> probabilities,
        List<String> cues) {
}
