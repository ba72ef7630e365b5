package org.carerelay.inbox.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The goals of issue 14 on the blind development set ({@code triage/training/blind-dev}), each message triaged by
 * models trained without it (5-fold cross-validation over the whole corpus): messages by writers who never saw the
 * rules or the code. The honest figure is each fresh batch's, recorded in BLIND-RESULTS.md before it joined this set.
 */
class TriageDevelopmentSetTests {

    static List<TriageExample> development;
    static TriageEvaluation evaluation;

    @BeforeAll
    static void crossValidate() {
        development = TrainingCorpus.developmentSet();
        Set<String> ids = development.stream().map(TriageExample::id).collect(Collectors.toSet());
        evaluation = TriageCrossValidation.run(ShippedModels.get().corpus(), ids, TriageEvaluateCommand.FOLDS);
        System.out.println("Blind development set, 5-fold cross-validated:\n" + evaluation.report());
    }

    @Test
    void everyDevelopmentMessageIsJudgedOnce() {
        assertThat(evaluation.examples()).isEqualTo(development.size());
        assertThat(development).hasSizeGreaterThanOrEqualTo(1000);
    }

    @Test
    void findsTheCrisesAndTheUrgentMessages() {
        assertThat(evaluation.crisis().recall()).as("crisis recall").isGreaterThanOrEqualTo(0.99);
        assertThat(evaluation.crisis().precision()).as("crisis precision").isGreaterThanOrEqualTo(0.80);
        assertThat(evaluation.urgent().recall()).as("urgent recall").isGreaterThanOrEqualTo(0.95);
        assertThat(evaluation.crisisByRisk().getOrDefault(Risk.NONE, 0)).as("crises triaged as nothing at all")
                .isLessThanOrEqualTo(2);
    }

    /**
     * The goal is 0.93; cross-validated accuracy is 0.91 (2026-12-07, within a point depending on how the folds
     * fall), and this floor keeps it from sliding while the gap is worked on (see BLIND-RESULTS.md).
     */
    @Test
    void categorizesNearlyAllOfThem() {
        assertThat(evaluation.accuracy()).as("category accuracy").isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void findsNineCrisesInTenInEveryLanguage() {
        assertThat(evaluation.languages().keySet()).contains("en", "es", "zh", "vi", "tl", "ar", "ko", "ru", "ht",
                "pt", "fr");
        evaluation.languages().forEach((language, figures) -> assertThat(figures.crisis().recall())
                .as("crisis recall in " + language).isGreaterThanOrEqualTo(0.90));
        assertThat(evaluation.languages().get("en").crisis().recall()).isGreaterThanOrEqualTo(0.98);
        assertThat(evaluation.languages().get("es").crisis().recall()).isGreaterThanOrEqualTo(0.98);
    }
}
