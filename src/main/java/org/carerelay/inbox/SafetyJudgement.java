package org.carerelay.inbox;

/**
 * A clinician's word on whether a conversation was a crisis or urgent, given when recategorizing it: it sets the
 * conversation's flags and teaches the practice's triage model.
 */
public enum SafetyJudgement {
    /** It was a crisis (and so urgent): on call is paged as for a crisis message. */
    CRISIS(true, true),
    /** Urgent, not a crisis. */
    URGENT(false, true),
    /** Neither: the conversation leaves the on-call queue; a page already running still needs acknowledging. */
    NEITHER(false, false);

    private final boolean crisis;
    private final boolean urgent;

    SafetyJudgement(boolean crisis, boolean urgent) {
        this.crisis = crisis;
        this.urgent = urgent;
    }

    public boolean crisis() {
        return crisis;
    }

    public boolean urgent() {
        return urgent;
    }
}
