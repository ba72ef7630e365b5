package org.carerelay.inbox;

import org.carerelay.inbox.triage.Triage;
import org.carerelay.inbox.triage.TriageChannel;
import org.carerelay.inbox.triage.TriageResult;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/** Triage of inbound messages as the inbox files them: the practice's trained model and the safety rules. */
@Component
class InboxTriage {

    private final Triage triage;

    InboxTriage(Triage triage) {
        this.triage = triage;
    }

    TriageDecision decide(PracticeId practice, String text, String channel) {
        TriageResult result = triage.classify(practice, text, switch (channel) {
            case "EMAIL" -> TriageChannel.EMAIL;
            case "VOICE" -> TriageChannel.VOICE;
            case "PORTAL" -> TriageChannel.PORTAL;
            default -> TriageChannel.SMS;
        });
        return new TriageDecision(result.category(), result.urgent(), result.crisis(), result.risk(),
                result.language(), result.confidence(), result.reasons(), result.signals());
    }
}
