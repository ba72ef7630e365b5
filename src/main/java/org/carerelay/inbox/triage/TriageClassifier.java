package org.carerelay.inbox.triage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.carerelay.inbox.Category;

/**
 * Triage of one text: the category from a {@link CategoryModel}, the crisis and urgent flags from the phrase rules.
 * A crisis is also urgent, and it is clinical whatever else the message asks, so that it reaches a clinician.
 */
final class TriageClassifier {

    private final CategoryModel model;

    TriageClassifier(CategoryModel model) {
        this.model = model;
    }

    TriageResult classify(String text, TriageChannel channel) {
        String relevant = channel == TriageChannel.EMAIL ? EmailText.newPart(text) : text;
        FoldedText folded = FoldedText.of(relevant);
        List<String> crisis = SignFinder.find(folded, CrisisSigns.PHRASES);
        List<String> urgent = new ArrayList<>(SignFinder.find(folded, UrgentSigns.PHRASES));
        urgent.addAll(VitalSigns.find(folded));
        CategoryPrediction prediction = model.predict(relevant);

        List<String> reasons = new ArrayList<>();
        crisis.forEach(phrase -> reasons.add("crisis: \"" + phrase + "\""));
        urgent.stream().distinct().forEach(phrase -> reasons.add("urgent: \"" + phrase + "\""));
        Category category = prediction.category();
        double confidence = prediction.probability();
        if (!crisis.isEmpty() && category != Category.CLINICAL) {
            confidence = Math.max(prediction.probabilities().get(Category.CLINICAL), 0.9);
            category = Category.CLINICAL;
            reasons.add("category clinical: a crisis (the model read " + name(prediction.category()) + ")");
        } else {
            reasons.add(modelReason(prediction));
        }
        return new TriageResult(category, !crisis.isEmpty() || !urgent.isEmpty(), !crisis.isEmpty(),
                Math.round(confidence * 1000) / 1000.0, reasons);
    }

    private static String modelReason(CategoryPrediction prediction) {
        String reason = "category " + name(prediction.category()) + ": model "
                + BigDecimal.valueOf(prediction.probability()).setScale(2, RoundingMode.HALF_UP).toPlainString();
        if (!prediction.cues().isEmpty()) {
            reason += " (" + String.join(", ", prediction.cues().stream().map(cue -> "\"" + cue + "\"").toList())
                    + ")";
        }
        return reason;
    }

    private static String name(Category category) {
        return category.name().toLowerCase(Locale.ROOT);
    }
}
