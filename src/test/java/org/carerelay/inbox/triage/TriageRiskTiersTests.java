package org.carerelay.inbox.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the risk model's probabilities and the rules put a message among the tiers. */
class TriageRiskTiersTests {

    @Test
    void aRuleMakesACrisisWhateverTheModelSays() {
        assertThat(TriageClassifier.riskOf(true, scores(0, 0), false)).isEqualTo(Risk.CRISIS);
    }

    @Test
    void theModelMakesACrisisFromTheWholeMessageOrOneSentence() {
        assertThat(TriageClassifier.riskOf(false, scores(TriageClassifier.CRISIS, 0), true)).isEqualTo(Risk.CRISIS);
        assertThat(TriageClassifier.riskOf(false, scores(0, TriageClassifier.SENTENCE_CRISIS), true))
                .isEqualTo(Risk.CRISIS);
    }

    @Test
    void belowTheCrisisThresholdsButAboveThePossibleOnesIsPossible() {
        assertThat(TriageClassifier.riskOf(false, scores(TriageClassifier.POSSIBLE, 0), true)).isEqualTo(Risk.POSSIBLE);
        assertThat(TriageClassifier.riskOf(false, scores(TriageClassifier.CRISIS - 0.01, 0), true))
                .isEqualTo(Risk.POSSIBLE);
        assertThat(TriageClassifier.riskOf(false, scores(0, TriageClassifier.SENTENCE_POSSIBLE), true))
                .isEqualTo(Risk.POSSIBLE);
        assertThat(TriageClassifier.riskOf(false, scores(0.01, 0.01), true)).isEqualTo(Risk.NONE);
    }

    @Test
    void theModelRaisesNothingItCannotPointAtWordsFor() {
        assertThat(TriageClassifier.riskOf(false, scores(0.9, 0.9), false)).isEqualTo(Risk.NONE);
    }

    @Test
    void thePossibleTierLiesBelowTheCrisisTier() {
        assertThat(TriageClassifier.POSSIBLE).isLessThan(TriageClassifier.CRISIS);
        assertThat(TriageClassifier.SENTENCE_POSSIBLE).isLessThan(TriageClassifier.SENTENCE_CRISIS);
    }

    private static RiskModel.Scores scores(double whole, double sentence) {
        return new RiskModel.Scores(whole, whole, sentence, sentence);
    }
}
