package org.carerelay.messaging;

/**
 * Where a delivery stands: queued → sending → sent → delivered | bounced | failed, or suppressed by policy, or
 * deferred until a time (quiet hours).
 */
public enum DeliveryStatus {
    QUEUED, DEFERRED, SENDING, SENT, DELIVERED, BOUNCED, FAILED, SUPPRESSED;

    public boolean isFinal() {
        return this == DELIVERED || this == BOUNCED || this == FAILED || this == SUPPRESSED;
    }
}
