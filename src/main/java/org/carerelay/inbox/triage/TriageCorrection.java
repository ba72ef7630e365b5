package org.carerelay.inbox.triage;

import java.time.Instant;
import java.util.UUID;
import org.carerelay.inbox.Category;

/** A staff member's recategorization of a message: the text and the category it should have had. */
record TriageCorrection(UUID id, String text, Category category, Instant recordedAt) {
}
