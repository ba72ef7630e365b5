package org.carerelay.inbox;

import java.time.Instant;

/** Where a conversation's reply clock stands. */
public enum SlaState {
    /** Nothing awaits a reply. */
    ANSWERED,
    ON_TRACK,
    /** 80 % of the allowed business time has passed. */
    DUE_SOON,
    BREACHED;

    static SlaState of(Instant warnAt, Instant dueAt, Instant now) {
        if (dueAt == null) {
            return ANSWERED;
        }
        if (!now.isBefore(dueAt)) {
            return BREACHED;
        }
        return now.isBefore(warnAt) ? ON_TRACK : DUE_SOON;
    }
}
