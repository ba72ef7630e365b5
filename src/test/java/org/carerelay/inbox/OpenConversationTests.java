package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OpenConversationTests {

    private static final Instant DUE = Instant.parse("2026-12-07T15:00:00Z");

    private final OpenConversation refill = new OpenConversation(UUID.randomUUID(), false, false, Category.REFILL,
            null, DUE, false);

    @Test
    void aCrisisLiftsARoutineConversationToItsCategoryAndTheOnCallQueue() {
        OpenConversation.Joined joined = refill.joinedBy(decision(Category.CLINICAL, true, true));

        assertThat(joined).isEqualTo(new OpenConversation.Joined(Category.CLINICAL, true, true, Queue.ON_CALL, true));
    }

    @Test
    void aCrisisLiftsAnUrgentConversationToo() {
        OpenConversation urgent = new OpenConversation(UUID.randomUUID(), true, false, Category.CLINICAL, null, DUE,
                false);

        assertThat(urgent.joinedBy(decision(Category.OTHER, true, true)))
                .isEqualTo(new OpenConversation.Joined(Category.OTHER, true, true, Queue.ON_CALL, true));
        assertThat(urgent.liftedBy(decision(Category.OTHER, true, false))).as("urgent again: nothing new").isFalse();
    }

    @Test
    void aCalmerMessageLowersNothingAndKeepsTheTopic() {
        OpenConversation crisis = new OpenConversation(UUID.randomUUID(), true, true, Category.CLINICAL, null, DUE,
                false);

        assertThat(crisis.joinedBy(decision(Category.APPOINTMENT, false, false)))
                .isEqualTo(new OpenConversation.Joined(Category.CLINICAL, true, true, Queue.ON_CALL, false));
        assertThat(refill.joinedBy(decision(Category.APPOINTMENT, false, false)))
                .as("a routine message keeps a routine conversation's category and queue")
                .isEqualTo(new OpenConversation.Joined(Category.REFILL, false, false, null, false));
    }

    @Test
    void theReplyClockGivesWayOnlyToASoonerOne() {
        assertThat(refill.clockGivesWayTo(DUE.minusSeconds(60))).isTrue();
        assertThat(refill.clockGivesWayTo(DUE.plusSeconds(60))).as("an overdue refill stays overdue").isFalse();
        assertThat(new OpenConversation(UUID.randomUUID(), false, false, Category.REFILL, null, null, false)
                .clockGivesWayTo(DUE)).as("nothing awaited a reply").isTrue();
    }

    private static TriageDecision decision(Category category, boolean urgent, boolean crisis) {
        return new TriageDecision(category, urgent, crisis, crisis ? org.carerelay.inbox.triage.Risk.CRISIS
                : org.carerelay.inbox.triage.Risk.NONE, "en", 0.9, List.of(), List.of());
    }
}
