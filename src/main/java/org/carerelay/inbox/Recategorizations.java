package org.carerelay.inbox;

import java.util.UUID;

import org.carerelay.practice.ClinicalAccess;
import org.carerelay.shared.Caller;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff correcting what triage made of a conversation: its category, and, for staff who may read clinical content,
 * whether it was a crisis or urgent. Each correction teaches the practice's model (audited by triage) and changes
 * the conversation at once:
 * <ul>
 * <li>a crisis, or urgent, raises it as such a message would: on-call queue, urgent reply clock, and on call paged
 * at once (a crisis makes a page already running a crisis one);</li>
 * <li>urgent on a crisis conversation lowers it to urgent, and neither lowers it to its category's queue. A page
 * already running for an urgent or crisis message is not cancelled: somebody still acknowledges it;</li>
 * <li>any of the three is a clinician's reading of the conversation: its possible-crisis mark and flag go, and a page
 * of that mark alone stops.</li>
 * </ul>
 */
@Service
public class Recategorizations {

    private final Conversations conversations;
    private final Escalations escalations;
    private final PossibleCrises possibleCrises;
    private final ClinicalAccess clinicalAccess;
    private final InboxEvents events;

    Recategorizations(Conversations conversations, Escalations escalations, PossibleCrises possibleCrises,
            ClinicalAccess clinicalAccess, InboxEvents events) {
        this.conversations = conversations;
        this.escalations = escalations;
        this.possibleCrises = possibleCrises;
        this.clinicalAccess = clinicalAccess;
        this.events = events;
    }

    /**
     * Corrects the category and, unless {@code judgement} is null (not judged), the crisis and urgent flags. 403 for
     * a judgement by staff who may not read the conversation's clinical content.
     */
    @Transactional
    public void recategorize(Caller caller, UUID conversation, Category category, SafetyJudgement judgement) {
        if (judgement == null) {
            conversations.recategorize(caller, conversation, category);
            return;
        }
        if (!clinicalAccess.canSeeUrgent(caller)
                || !conversations.maySee(caller, conversations.summary(caller, conversation))) {
            throw new AccessDeniedException("Only clinical staff who may read the conversation can judge whether it "
                    + "was a crisis or urgent");
        }
        possibleCrises.clear(caller, conversation, PossibleCrises.Cleared.JUDGED);
        ConversationSummary before = conversations.judge(caller, conversation, category, judgement);
        if (judgement.crisis() && !before.crisis() || judgement.urgent() && !before.urgent()) {
            escalations.raise(caller.practice(), conversation, judgement.crisis());
        }
        events.changed(caller.practice());
    }
}
