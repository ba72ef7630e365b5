package org.carerelay.inbox.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HighlightsTests {

    @Test
    void marksARulesPhraseAsThePatientWroteIt() {
        assertThat(Highlights.of("Honestly I want to KILL myself tonight",
                List.of(new TriageSignal("crisis", "rules", null, List.of("KILL myself")))))
                .containsExactly(new Highlights.Piece("Honestly I want to ", false, null),
                        new Highlights.Piece("KILL myself", true, "crisis"),
                        new Highlights.Piece(" tonight", false, null));
    }

    @Test
    void findsTheModelsFoldedWordsInTheTextAsWritten() {
        assertThat(marked("Tôi muốn đặt lịch hẹn",
                new TriageSignal("possible", "model", 0.14, List.of("toi"))))
                .containsExactly("Tôi");
        assertThat(marked("I don't see the point", new TriageSignal("possible", "model", 0.2, List.of("dont"))))
                .containsExactly("don't");
    }

    @Test
    void marksWholeWordsOnlyAndEveryTimeTheyOccur() {
        assertThat(marked("My friend said the end. The END.",
                new TriageSignal("possible", "model", 0.2, List.of("end")))).containsExactly("end", "END");
    }

    @Test
    void theStrongestFlagWinsWhereTwoLayersReadTheSameWords() {
        List<Highlights.Piece> pieces = Highlights.of("I took all my pills", List.of(
                new TriageSignal("urgent", "model", 0.5, List.of("pills")),
                new TriageSignal("crisis", "rules", null, List.of("took all my pills"))));
        assertThat(pieces).containsExactly(new Highlights.Piece("I ", false, null),
                new Highlights.Piece("took all my pills", true, "crisis"));
    }

    @Test
    void keepsMarkupAsTextAndSkipsMaskedNumbers() {
        assertThat(Highlights.of("<b>chest pain</b> at 10am", List.of(
                new TriageSignal("urgent", "rules", null, List.of("chest pain")),
                new TriageSignal("urgent", "model", 0.4, List.of("#am")))))
                .containsExactly(new Highlights.Piece("<b>", false, null),
                        new Highlights.Piece("chest pain", true, "urgent"),
                        new Highlights.Piece("</b> at 10am", false, null));
        assertThat(Highlights.of("No signals here", List.of()))
                .containsExactly(new Highlights.Piece("No signals here", false, null));
    }

    private static List<String> marked(String text, TriageSignal signal) {
        return Highlights.of(text, List.of(signal)).stream().filter(Highlights.Piece::marked)
                .map(Highlights.Piece::text).toList();
    }
}
