package org.carerelay.inbox;

import java.util.List;

import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/** Triage of inbound messages for the inbox. Until the classifier lands, every message is OTHER and routine. */
@Component
class InboxTriage {

    TriageDecision decide(PracticeId practice, String text, String channel) {
        return new TriageDecision(Category.OTHER, false, false, 0.0, List.of());
    }
}
