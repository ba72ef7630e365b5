package org.carerelay.scheduling;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.carerelay.practice.LocationId;
import org.carerelay.practice.ProviderId;

/**
 * When one provider works at one location: the weekly template's rows for it, and the dates that differ
 * ({@code exceptions}: that date's hours there instead, none for a day off). Times are local to {@code zone}.
 */
record ProviderCalendar(ProviderId provider, LocationId location, ZoneId zone, List<WorkingHours> template,
        Map<LocalDate, List<LocalTime[]>> exceptions) {

    /** The working intervals of {@code date}, each a local start and end. */
    List<LocalTime[]> hoursOn(LocalDate date) {
        List<LocalTime[]> exception = exceptions.get(date);
        if (exception != null) {
            return exception;
        }
        return template.stream().filter(hours -> hours.appliesOn(date))
                .map(hours -> new LocalTime[] {hours.start(), hours.end()}).toList();
    }
}
