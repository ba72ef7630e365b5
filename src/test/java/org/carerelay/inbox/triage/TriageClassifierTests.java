package org.carerelay.inbox.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.carerelay.inbox.Category;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TriageClassifierTests {

    static TriageClassifier classifier;

    @BeforeAll
    static void train() {
        classifier = TriageClassifier.trainedOn(TrainingCorpus.load());
    }

    @Test
    void aCrisisIsUrgentAndClinicalWhateverElseTheMessageAsks() {
        TriageResult result = classifier.classify("Please cancel my appointment. I took all my pills an hour ago",
                TriageChannel.SMS);
        assertThat(result.crisis()).isTrue();
        assertThat(result.urgent()).isTrue();
        assertThat(result.category()).isEqualTo(Category.CLINICAL);
        assertThat(result.reasons()).contains("crisis: \"took all my pills\"");
    }

    @Test
    void givesTheModelsCategoryWithItsConfidenceAndCues() {
        TriageResult result = classifier.classify("Can I reschedule my appointment to Friday?", TriageChannel.SMS);
        assertThat(result.category()).isEqualTo(Category.APPOINTMENT);
        assertThat(result.confidence()).isBetween(0.5, 1.0);
        assertThat(result.urgent()).isFalse();
        assertThat(result.reasons()).singleElement().asString()
                .matches("category appointment: model [01]\\.\\d\\d \\(.*\"reschedule\".*\\)");
    }

    @Test
    void readsOnlyTheNewPartOfAnEmail() {
        String reply = """
                Thanks, that works for me!

                On Mon, Nov 3, 2026 at 9:00 AM Harbor Clinic <no-reply@harbor.example> wrote:
                > Your lab results are ready. If you have chest pain, call 911.
                """;
        TriageResult result = classifier.classify(reply, TriageChannel.EMAIL);
        assertThat(result.urgent()).isFalse();
        assertThat(result.category()).isEqualTo(Category.OTHER);
    }
}
