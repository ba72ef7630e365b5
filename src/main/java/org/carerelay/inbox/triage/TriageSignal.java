package org.carerelay.inbox.triage;

import java.util.List;

/**
 * One layer's reason for a flag, for staff to see why: which layer raised it and the patient's words it read.
 *
 * @param flag  {@code crisis}, {@code possible} (a possible crisis) or {@code urgent}
 * @param layer {@code rules} (a listed phrase), {@code vitals} (a reading out of range) or {@code model} (the
 *              statistical layer, with its probability)
 * @param words the words of the message that decided it, as the patient wrote them
 */
public record TriageSignal(String flag, String layer, Double probability, List<String> words) {

    public TriageSignal {
        words = List.copyOf(words);
    }
}
