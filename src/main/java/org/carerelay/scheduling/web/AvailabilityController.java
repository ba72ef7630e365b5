package org.carerelay.scheduling.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.practice.AppointmentTypeId;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.ProviderId;
import org.carerelay.scheduling.Availability;
import org.carerelay.scheduling.Slot;
import org.carerelay.shared.Callers;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AvailabilityController {

    /** Without {@code to}: the next two weeks. */
    static final Duration DEFAULT_RANGE = Duration.ofDays(14);

    private final Availability availability;
    private final Clock clock;

    AvailabilityController(Availability availability, Clock clock) {
        this.availability = availability;
        this.clock = clock;
    }

    /**
     * Open slots for a type of visit, by start. {@code from} and {@code to} are date-times with an offset or
     * dates (a date is midnight UTC; {@code to} as a date includes that whole day); at most 31 days apart.
     */
    @GetMapping("/api/v1/availability")
    @RequiresPermission(Permissions.APPOINTMENTS_READ)
    Map<String, List<Slot>> availability(@RequestParam UUID appointmentType,
            @RequestParam(required = false) UUID location, @RequestParam(required = false) UUID provider,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant start = from == null ? clock.instant() : instant(from, "from", false);
        Instant end = to == null ? start.plus(DEFAULT_RANGE) : instant(to, "to", true);
        return Map.of("items", availability.search(Callers.current().practice(), new Availability.Query(
                new AppointmentTypeId(appointmentType), location == null ? null : new LocationId(location),
                provider == null ? null : new ProviderId(provider), start, end)));
    }

    private static Instant instant(String text, String field, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Appointments.withinRange(OffsetDateTime.parse(text), field);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a date (2026-03-09) or a date-time with an offset "
                    + "(2026-03-09T09:00:00-05:00)");
        }
    }
}
