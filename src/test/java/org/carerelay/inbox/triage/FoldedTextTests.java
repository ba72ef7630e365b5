package org.carerelay.inbox.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FoldedTextTests {

    @Test
    void foldsCaseAccentsAndCurlyQuotesKeepingEveryOffset() {
        FoldedText text = FoldedText.of("Tomé MIS pastillas, I’m done ñ 👍");
        assertThat(text.folded()).isEqualTo("tome mis pastillas, i'm done n 👍");
        assertThat(text.folded()).hasSameSizeAs(text.original());
        assertThat(text.phrase(0, 4)).isEqualTo("Tomé");
    }

    @Test
    void masksNumbersAndKeepsQuestionMarksAndEmojiForTheModel() {
        assertThat(ModelTokens.of("Can I come at 10:30am? Copay $25 👍👍"))
                .containsExactly("can", "i", "come", "at", "#am", "?", "copay", "$", "#", ModelTokens.EMOJI);
        assertThat(ModelTokens.of("¿Ya llegaron mis resultados?")).containsExactly("?", "ya", "llegaron", "mis",
                "resultados", "?");
    }
}
