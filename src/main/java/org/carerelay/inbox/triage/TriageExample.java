package org.carerelay.inbox.triage;

import org.carerelay.inbox.Category;

/**
 * A labelled message, as the training corpus and evaluation files hold it (one JSON object per line).
 *
 * @param language "en", "es", …, or null; to report figures per language and train the language detector
 * @param channel  how it arrived, or null for SMS: an e-mail's quoted history is left out of its triage
 */
record TriageExample(String id, String text, Category category, boolean crisis, boolean urgent,
        String language, TriageChannel channel) {

    TriageExample(String id, String text, Category category, boolean crisis, boolean urgent, String language) {
        this(id, text, category, crisis, urgent, language, null);
    }
}
