package org.carerelay.messaging.dispatch;

/** What a provider said to a send. */
public sealed interface SendOutcome {

    /** Accepted; {@code delivered} when the provider already knows it arrived (the dev outbox, in-app). */
    record Accepted(String provider, String providerMessageId, boolean delivered) implements SendOutcome {
    }

    /** Worth retrying later: a timeout, a 5xx, a 429. */
    record TransientFailure(String provider, String code) implements SendOutcome {
    }

    /** Retrying cannot help: a refused address, a missing adapter. {@code code} is the provider's. */
    record PermanentFailure(String provider, String code) implements SendOutcome {
    }
}
