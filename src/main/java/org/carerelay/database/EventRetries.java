package org.carerelay.database;

import java.time.Duration;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands a domain event whose listener failed (the database was briefly away, a bug since fixed) to the listener
 * again, every minute, once it is a few minutes old. Listeners are written to be idempotent: a retry, or two nodes
 * retrying the same event, changes nothing twice.
 */
@Component
class EventRetries {

    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    private final IncompleteEventPublications incomplete;

    EventRetries(IncompleteEventPublications incomplete) {
        this.incomplete = incomplete;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void retry() {
        incomplete.resubmitIncompletePublicationsOlderThan(RETRY_AFTER);
    }
}
