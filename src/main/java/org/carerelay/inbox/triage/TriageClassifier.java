package org.carerelay.inbox.triage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Triage of one text in three layers, any of which may raise a flag: the phrase rules (what clinicians listed, with
 * negation, idioms and jokes read), the vital signs a patient reports, and the {@link RiskModel} trained on labelled
 * messages (wording nobody listed, misspellings, other languages). The category comes from a {@link CategoryModel}
 * and the language from {@link Languages}.
 */
final class TriageClassifier {

    /**
     * Where the risk model's probabilities become flags. Recall comes first: the thresholds are low, and a message
     * read whole counts more than one of its sentences read alone (a sentence says less, so its probabilities run
     * higher on little evidence). Chosen by 5-fold cross-validation on the blind development set (2026-12-07, 1,578
     * messages): with the rules, crisis recall 0.992 at precision 0.81; lower thresholds bought a point of recall for
     * ten of precision. See BLIND-RESULTS.md.
     */
    static final double CRISIS = 0.35;
    static final double SENTENCE_CRISIS = 0.80;
    static final double POSSIBLE = 0.10;
    static final double SENTENCE_POSSIBLE = 0.50;
    static final double URGENT = 0.50;
    static final double SENTENCE_URGENT = 0.90;

    private final CategoryModel categories;
    private final RiskModel risks;
    private final Languages languages;

    TriageClassifier(CategoryModel categories, RiskModel risks, Languages languages) {
        this.categories = categories;
        this.risks = risks;
        this.languages = languages;
    }

    /** A classifier whose three models are all trained on {@code examples}. */
    static TriageClassifier trainedOn(List<TriageExample> examples) {
        return new TriageClassifier(CategoryModel.train(examples), RiskModel.train(examples),
                Languages.train(examples));
    }

    TriageResult classify(String text, TriageChannel channel) {
        String relevant = channel == TriageChannel.EMAIL ? EmailText.newPart(text) : text;
        FoldedText folded = FoldedText.of(relevant);
        List<String> crisisPhrases = SignFinder.find(folded, CrisisSigns.PHRASES);
        List<String> urgentPhrases = SignFinder.find(folded, UrgentSigns.PHRASES).stream().distinct().toList();
        List<String> vitals = VitalSigns.find(folded);
        RiskModel.Scores scores = risks.score(relevant);
        CategoryPrediction prediction = categories.predict(relevant);

        List<String> crisisCues = riskOf(false, scores, true) == Risk.NONE ? List.of() : risks.cues(relevant, true);
        // The same holds for urgent: the model flags it only when it can point at the words.
        Risk risk = riskOf(!crisisPhrases.isEmpty(), scores, !crisisCues.isEmpty());
        boolean crisis = risk == Risk.CRISIS;
        Risk modelRisk = riskOf(false, scores, !crisisCues.isEmpty());
        List<String> urgentCues = crisis || scores.urgentOrCrisis() < URGENT
                && scores.sentenceUrgentOrCrisis() < SENTENCE_URGENT ? List.of() : risks.cues(relevant, false);
        boolean modelUrgent = !urgentCues.isEmpty();
        boolean urgent = crisis || !urgentPhrases.isEmpty() || !vitals.isEmpty() || modelUrgent;

        List<TriageSignal> signals = new ArrayList<>();
        if (!crisisPhrases.isEmpty()) {
            signals.add(new TriageSignal("crisis", "rules", null, crisisPhrases));
        }
        if (modelRisk != Risk.NONE) {
            signals.add(new TriageSignal(modelRisk == Risk.CRISIS ? "crisis" : "possible", "model",
                    round(Math.max(scores.crisis(), scores.sentenceCrisis())), crisisCues));
        }
        if (!urgentPhrases.isEmpty()) {
            signals.add(new TriageSignal("urgent", "rules", null, urgentPhrases));
        }
        if (!vitals.isEmpty()) {
            signals.add(new TriageSignal("urgent", "vitals", null, vitals));
        }
        if (modelUrgent) {
            signals.add(new TriageSignal("urgent", "model",
                    round(Math.max(scores.urgentOrCrisis(), scores.sentenceUrgentOrCrisis())), urgentCues));
        }
        List<String> reasons = new ArrayList<>();
        signals.forEach(signal -> reasons.add(reason(signal)));
        reasons.add(modelReason(prediction));
        return new TriageResult(prediction.category(), urgent, crisis, risk, languages.of(relevant),
                round(prediction.probability()), reasons, signals);
    }

    /**
     * A crisis when a rule says so, or the model does and can point at the words that moved it ({@code cues});
     * possible when the model is above its lower thresholds and can point at them too. A short message with no
     * telling word ("Hello", "C") can score high on the corpus's share of crises alone, and is neither.
     */
    static Risk riskOf(boolean ruleCrisis, RiskModel.Scores scores, boolean cues) {
        if (ruleCrisis || cues && (scores.crisis() >= CRISIS || scores.sentenceCrisis() >= SENTENCE_CRISIS)) {
            return Risk.CRISIS;
        }
        return cues && (scores.crisis() >= POSSIBLE || scores.sentenceCrisis() >= SENTENCE_POSSIBLE) ? Risk.POSSIBLE
                : Risk.NONE;
    }

    private static String reason(TriageSignal signal) {
        String flag = signal.flag().equals("possible") ? "possible crisis" : signal.flag();
        String layer = signal.probability() == null ? signal.layer()
                : signal.layer() + " " + BigDecimal.valueOf(signal.probability()).setScale(2, RoundingMode.HALF_UP)
                        .toPlainString();
        String words = String.join(", ", signal.words().stream().map(word -> "\"" + word + "\"").toList());
        return flag + " (" + layer + ")" + (words.isEmpty() ? "" : ": " + words);
    }

    private static String modelReason(CategoryPrediction prediction) {
        String reason = "category " + prediction.category().name().toLowerCase(Locale.ROOT) + ": model "
                + BigDecimal.valueOf(prediction.probability()).setScale(2, RoundingMode.HALF_UP).toPlainString();
        if (!prediction.cues().isEmpty()) {
            reason += " (" + String.join(", ", prediction.cues().stream().map(cue -> "\"" + cue + "\"").toList())
                    + ")";
        }
        return reason;
    }

    private static double round(double probability) {
        return Math.round(probability * 1000) / 1000.0;
    }
}
