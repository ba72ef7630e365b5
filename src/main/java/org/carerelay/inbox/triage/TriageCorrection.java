package org.carerelay.inbox.triage;

import java.time.Instant;
import java.util.UUID;
import org.carerelay.inbox.Category;

/**
 * A staff member's correction of a message's triage: the text, the category it should have had, and, when they
 * judged it, whether it was a crisis and whether it was urgent (null when the correction is about the category only).
 */
record TriageCorrection(UUID id, String text, Category category, Boolean crisis, Boolean urgent,
        Instant recordedAt) {
}
