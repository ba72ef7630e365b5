package org.carerelay.inbox.triage;

/** What an inbound message is about, which decides the queue it goes to. */
public enum TriageCategory {
    APPOINTMENT, REFILL, BILLING, RESULTS, CLINICAL, ADMIN, OTHER
}
