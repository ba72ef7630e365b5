package org.carerelay.inbox;

import java.util.List;

import org.carerelay.inbox.triage.Risk;
import org.carerelay.inbox.triage.TriageSignal;

/**
 * What triage made of one message. {@code reasons} and {@code signals} quote the patient's words: PHI.
 *
 * @param risk     {@code POSSIBLE} marks the conversation for a clinician to read within the hour
 * @param language ISO 639-1, or {@code und} when too short to tell
 */
record TriageDecision(Category category, boolean urgent, boolean crisis, Risk risk, String language,
        double confidence, List<String> reasons, List<TriageSignal> signals) {

    TriageDecision {
        reasons = List.copyOf(reasons);
        signals = List.copyOf(signals);
    }

    /** A possible crisis that raised no flag of its own: the conversation is marked, not paged at once. */
    boolean possibleCrisis() {
        return risk == Risk.POSSIBLE && !urgent && !crisis;
    }

    /** The queue of a conversation this message opens: a possible crisis is for clinicians to read. */
    Queue queue() {
        Queue queue = Queue.of(category, urgent, crisis);
        return possibleCrisis() && queue == Queue.FRONT_DESK ? Queue.CLINICAL : queue;
    }
}
