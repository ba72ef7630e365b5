package org.carerelay.inbox.triage;

import java.util.List;
import java.util.Map;
import org.carerelay.inbox.Category;

/**
 * The category model's answer for one text.
 *
 * @param probabilities every category's probability
 * @param cues          the text's words that point most strongly at {@code category}, strongest first
 */
record CategoryPrediction(Category category, double probability, Map<Category, Double> probabilities,
        List<String> cues) {
}
