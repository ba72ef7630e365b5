package org.carerelay.messaging.dispatch;

/** What a provider said to a send. */
public sealed interface SendOutcome {

    /** Accepted; {@code delivered} when the provider already knows it arrived (the dev outbox, in-app). */
    record Accepted(String provider, String providerMessageId, boolean delivered) implements SendOutcome {
    }

    /** Not tried: the sender's rate limit says wait {@code delay}. Not a failure; no attempt is used up. */
    record Deferred(String provider, java.time.Duration delay) implements SendOutcome {
    }

    /** Worth retrying later: a timeout, a 5xx, a 429. */
    record TransientFailure(String provider, String code) implements SendOutcome {
    }

    /**
     * Retrying cannot help: a refused address, a missing adapter. {@code code} is the provider's.
     * {@code recipientOptedOut}: the carrier says the number opted out (Twilio 21610), so it joins the
     * suppression list.
     */
    record PermanentFailure(String provider, String code, boolean recipientOptedOut) implements SendOutcome {

        public PermanentFailure(String provider, String code) {
            this(provider, code, false);
        }
    }
}
