package org.carerelay.inbox;

import java.util.List;

/** What triage made of one message. {@code reasons} holds the phrases that decided it: PHI. */
record TriageDecision(Category category, boolean urgent, boolean crisis, double confidence, List<String> reasons) {
}
