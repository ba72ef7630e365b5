package org.carerelay.inbox.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicWordsTests {

    @Test
    void aLongStemMarksEveryWordItStarts() {
        assertThat(TopicWords.of("payment")).containsExactly("billing");
        assertThat(TopicWords.of("appointments")).containsExactly("appointment");
        assertThat(TopicWords.of("prescription")).containsExactly("refill");
    }

    @Test
    void aShortStemMarksOnlyItself() {
        assertThat(TopicWords.of("rx")).containsExactly("refill");
        assertThat(TopicWords.of("pay")).containsExactly("billing");
        assertThat(TopicWords.of("rxs")).isEmpty();
        assertThat(TopicWords.of("payday")).isEmpty();
    }

    @Test
    void aWordOfTwoTopicsMarksBothAndAnUnknownWordNone() {
        assertThat(TopicWords.of("tests")).containsExactly("other", "results");
        assertThat(TopicWords.of("umbrellas")).containsExactly("other");
        assertThat(TopicWords.of("zebra")).isEmpty();
    }
}
