package org.carerelay.audit;

import java.util.UUID;

/**
 * The outcome of recomputing the audit chain: {@code {"ok": true, "events": n}}, or the first broken link.
 *
 * @param events the number of events checked (up to the broken link)
 */
public record ChainVerification(boolean ok, long events, BrokenLink brokenAt) {

    /** Where the chain stops holding, and why ("hash mismatch", "prev_hash does not match", "sequence gap"). */
    public record BrokenLink(UUID eventId, UUID practiceId, long chainSeq, String reason) {
    }

    static ChainVerification intact(long events) {
        return new ChainVerification(true, events, null);
    }

    static ChainVerification broken(long events, BrokenLink link) {
        return new ChainVerification(false, events, link);
    }
}
