package org.carerelay.scheduling;

import java.time.Instant;
import java.util.UUID;

/** A time a visit of some type can be booked: with this provider, at this location. */
public record Slot(Instant start, Instant end, UUID providerId, UUID locationId) {
}
