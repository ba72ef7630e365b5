package org.carerelay.inbox.triage;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much a message may be a crisis. {@code CRISIS} pages the on-call clinician now; {@code POSSIBLE} is for a
 * clinician to read within the hour (first in the clinical queue, paged when nobody has opened it in 30 minutes).
 */
public enum Risk {
    NONE,
    POSSIBLE,
    CRISIS;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
