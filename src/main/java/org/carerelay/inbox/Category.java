package org.carerelay.inbox;

/** What an inbound message is about, as triage decides it (and staff may correct it). */
public enum Category {
    APPOINTMENT, REFILL, BILLING, RESULTS, CLINICAL, ADMIN, OTHER;

    /** How long a reply may take: urgent messages have the shortest clock, administrative ones the longest. */
    SlaKind slaKind(boolean urgent) {
        if (urgent) {
            return SlaKind.URGENT;
        }
        return this == ADMIN || this == BILLING ? SlaKind.ADMINISTRATIVE : SlaKind.ROUTINE;
    }

    enum SlaKind {
        URGENT, ROUTINE, ADMINISTRATIVE
    }
}
