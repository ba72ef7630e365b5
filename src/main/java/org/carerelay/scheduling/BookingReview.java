package org.carerelay.scheduling;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * A time chosen among the open ones, as the person booking reviews it before it is booked: what, with whom, when
 * (in the location's zone) and where; and whether it is already past the practice's change cut-off, so that the
 * patient could not cancel or move it online once booked.
 */
public record BookingReview(UUID typeId, String typeName, UUID providerId, String providerName, UUID locationId,
        String locationName, ZonedDateTime start, boolean pastCutoff, Duration cutoff) {

    /** The cut-off in whole hours, as pages say it. */
    public long cutoffHours() {
        return cutoff.toHours();
    }
}
