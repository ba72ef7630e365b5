package org.carerelay.scheduling;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * A date on which a provider does not follow the template at a location: works from {@code start} to {@code end}
 * instead, or (both null) not at all.
 */
public record ScheduleException(UUID id, UUID providerId, UUID locationId, LocalDate date, LocalTime start,
        LocalTime end) {
}
