package org.carerelay.inbox.triage;

import java.util.List;
import org.carerelay.inbox.Category;

/**
 * The triage of one message.
 *
 * @param category   what the message is about
 * @param urgent     it needs a clinician now (chest pain, trouble breathing, …); every crisis is urgent
 * @param crisis     suicidal ideation, self-harm, harm to others or an overdose
 * @param confidence how sure the category is, 0 to 1
 * @param reasons    the phrases that decided it, as found in the text, and the model's choice
 */
public record TriageResult(Category category, boolean urgent, boolean crisis, double confidence,
        List<String> reasons) {

    public TriageResult {
        reasons = List.copyOf(reasons);
    }
}
