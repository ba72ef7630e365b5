package org.carerelay.scheduling;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * One row of a provider's weekly template: on {@code day} they work at {@code locationId} from {@code start} to
 * {@code end}, local time of the location, between {@code validFrom} and {@code validUntil} when given.
 */
public record WorkingHours(UUID locationId, DayOfWeek day, LocalTime start, LocalTime end, LocalDate validFrom,
        LocalDate validUntil) {

    boolean appliesOn(LocalDate date) {
        return date.getDayOfWeek() == day && (validFrom == null || !date.isBefore(validFrom))
                && (validUntil == null || !date.isAfter(validUntil));
    }
}
