package org.carerelay.inbox.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crises that were missed once stay caught, and the look-alikes beside them stay calm
 * ({@code triage/training/regressions.jsonl}: the examples of issue 14, and every crisis a clinician marks as
 * missed, rewritten synthetically).
 */
class TriageRegressionTests {

    static List<TriageExample> regressions() throws IOException {
        try (InputStream file = TriageRegressionTests.class.getResourceAsStream(
                "/triage/training/regressions.jsonl")) {
            return TriageExamples.read(file);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regressions")
    void staysCaught(TriageExample example) {
        TriageResult result = ShippedModels.get().classifier().classify(example.text(),
                TriageCrossValidation.channel(example));
        assertThat(result.crisis()).as("crisis").isEqualTo(example.crisis());
        assertThat(result.urgent()).as("urgent").isEqualTo(example.urgent());
    }
}
