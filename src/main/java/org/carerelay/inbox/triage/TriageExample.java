package org.carerelay.inbox.triage;

import org.carerelay.inbox.Category;

/**
 * A labelled message, as the training corpus and evaluation files hold it (one JSON object per line).
 *
 * @param language "en", "es", …; informative only
 */
record TriageExample(String id, String text, Category category, boolean crisis, boolean urgent,
        String language) {
}
