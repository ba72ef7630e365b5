package org.carerelay.practice;

import java.time.Instant;

/**
 * Time a live appointment holds: its provider from {@code start} to {@code busyUntil} (its end plus the type's
 * buffer), and, for an in-person visit, a room at its location from {@code start} to {@code end}.
 */
public record BusyPeriod(ProviderId provider, LocationId location, Instant start, Instant end, Instant busyUntil,
        boolean inPerson) {
}
