package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class MatchSuggestionsTests {

    @Test
    void findsTheNamesInAMessageButNotItsGreetingsOrDays() {
        assertThat(MatchSuggestions.names("Hi, this is Ana Lopez. Can I come Friday?\n\nThanks, Ana"))
                .containsExactly("Ana", "Lopez");
        assertThat(MatchSuggestions.names("Hola, soy María José Núñez")).containsExactly("María", "José", "Núñez");
    }

    @Test
    void readsDatesOfBirthWrittenEitherWayAndIgnoresImpossibleOnes() {
        assertThat(MatchSuggestions.dates("DOB 5/17/1980, or 1980-05-17; not 13/45/1980"))
                .containsExactly(LocalDate.of(1980, 5, 17));
    }
}
