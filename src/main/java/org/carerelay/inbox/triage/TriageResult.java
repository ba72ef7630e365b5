package org.carerelay.inbox.triage;

import java.util.List;
import org.carerelay.inbox.Category;

/**
 * The triage of one message.
 *
 * @param category   what the message is about; a crisis inside a records request is still about the records
 * @param urgent     it needs a clinician now (chest pain, trouble breathing, …); every crisis is urgent
 * @param crisis     suicidal ideation, self-harm, harm to others or an overdose: pages on-call now
 * @param risk       {@code crisis}, {@code possible} (a clinician should read it within the hour) or {@code none}
 * @param language   the language it is written in (ISO 639-1), or {@code und} when too short to tell
 * @param confidence how sure the category is, 0 to 1
 * @param reasons    why, in words: the phrases that decided it, as found in the text, and the models' readings
 * @param signals    the same for the console to highlight: each layer that raised a flag and the words it read
 */
public record TriageResult(Category category, boolean urgent, boolean crisis, Risk risk, String language,
        double confidence, List<String> reasons, List<TriageSignal> signals) {

    public TriageResult {
        reasons = List.copyOf(reasons);
        signals = List.copyOf(signals);
    }
}
