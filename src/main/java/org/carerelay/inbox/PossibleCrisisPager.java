package org.carerelay.inbox;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pages on call for each possible-crisis conversation nobody who may read it opened in time
 * ({@link PossibleCrises}). Every node runs it; each mark is paged once, by the node that took it, in the same
 * transaction as the page's first alert, so a node dying midway leaves it due for the next round.
 */
@Component
class PossibleCrisisPager {

    private static final Logger log = LoggerFactory.getLogger(PossibleCrisisPager.class);
    private static final int BATCH = 50;

    private final PossibleCrises possibleCrises;
    private final Escalations escalations;
    private final TransactionTemplate transactions;
    private final boolean enabled;

    PossibleCrisisPager(PossibleCrises possibleCrises, Escalations escalations, TransactionTemplate transactions,
            @Value("${carerelay.messaging.dispatch.enabled:true}") boolean enabled) {
        this.possibleCrises = possibleCrises;
        this.escalations = escalations;
        this.transactions = transactions;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${carerelay.inbox.escalation-interval:30s}")
    void run() {
        if (!enabled) {
            return;
        }
        try {
            while (pageDue() == BATCH) {
                // a full batch: there may be more due
            }
        } catch (RuntimeException e) {
            log.error("Possible-crisis paging round failed; the pages stay due and go out next round", e);
        }
    }

    /** Pages on call for the marks whose time ran out; returns how many. */
    int pageDue() {
        Integer paged = transactions.execute(status -> {
            List<PossibleCrises.Due> due = possibleCrises.takeDue(BATCH);
            due.forEach(mark -> escalations.raiseUnopenedPossibleCrisis(mark.practice(), mark.conversation()));
            return due.size();
        });
        return paged == null ? 0 : paged;
    }
}
