package org.carerelay.scheduling;

import java.time.Instant;
import java.util.UUID;

/** A period a provider is away, wherever they would work. */
public record TimeOff(UUID id, UUID providerId, Instant start, Instant end, String reason) {
}
