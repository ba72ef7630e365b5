package org.carerelay.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeId;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.BusyPeriod;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.ProviderId;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The open slots for a type of visit: every provider who offers it, at every location where their template has
 * them (or the one asked for), minus their visits, buffers and time off, and for in-person visits the location's
 * full rooms. Reads everything it needs in five queries, then computes in memory ({@link SlotFinder}).
 */
@Service
public class Availability {

    /** The longest range one search covers: a month ahead is what a patient looks through. */
    public static final Duration MAX_RANGE = Duration.ofDays(31);
    /** How far a working interval or a visit can reach over a day boundary in some time zone. */
    private static final Duration MARGIN = Duration.ofDays(2);

    private final ProviderSchedules schedules;
    private final AppointmentTypes types;
    private final Appointments appointments;
    private final Locations locations;
    private final Clock clock;

    Availability(ProviderSchedules schedules, AppointmentTypes types, Appointments appointments, Locations locations,
            Clock clock) {
        this.schedules = schedules;
        this.types = types;
        this.appointments = appointments;
        this.locations = locations;
        this.clock = clock;
    }

    /** A search: a type of visit, optionally one location and one provider, between two instants. */
    public record Query(AppointmentTypeId type, LocationId location, ProviderId provider, Instant from, Instant to) {
    }

    /** The open slots, by start (then provider, then location). */
    @Transactional(readOnly = true)
    public List<Slot> search(PracticeId practice, Query query) {
        if (!query.to().isAfter(query.from())) {
            throw new InvalidFieldException("to", "must be after from");
        }
        if (Duration.between(query.from(), query.to()).compareTo(MAX_RANGE) > 0) {
            throw new InvalidFieldException("to", "must be at most " + MAX_RANGE.toDays() + " days after from");
        }
        AppointmentType type = NotFoundException.referencedBy("appointmentType", () -> types.get(practice,
                query.type()));
        Map<LocationId, Location> places = locations.list(practice, new PageRequest(0, PageRequest.MAX_SIZE))
                .items().stream().collect(Collectors.toMap(Location::id, Function.identity()));
        if (query.location() != null && !places.containsKey(query.location())) {
            throw new NotFoundException("Location", "location");
        }
        Map<CalendarKey, List<WorkingHours>> templates = new LinkedHashMap<>();
        for (ProviderSchedules.ProviderRow<WorkingHours> row : schedules.templates(practice, query.provider(),
                query.location())) {
            if (type.offeredBy(row.provider()) && places.containsKey(new LocationId(row.row().locationId()))) {
                templates.computeIfAbsent(new CalendarKey(row.provider(), new LocationId(row.row().locationId())),
                        key -> new ArrayList<>()).add(row.row());
            }
        }
        if (templates.isEmpty()) {
            return List.of();
        }
        Set<ProviderId> providers = templates.keySet().stream().map(key -> key.provider())
                .collect(Collectors.toSet());
        Set<LocationId> sites = templates.keySet().stream().map(key -> key.location())
                .collect(Collectors.toSet());
        Instant from = query.from().minus(MARGIN);
        Instant to = query.to().plus(MARGIN);

        Map<CalendarKey, Map<LocalDate, List<LocalTime[]>>> exceptions = new HashMap<>();
        for (ScheduleException exception : schedules.exceptions(practice, providers,
                LocalDate.ofInstant(from, ZoneOffset.UTC), LocalDate.ofInstant(to, ZoneOffset.UTC))) {
            List<LocalTime[]> hours = exceptions.computeIfAbsent(new CalendarKey(new ProviderId(exception.providerId()),
                    new LocationId(exception.locationId())), key -> new HashMap<>())
                    .computeIfAbsent(exception.date(), date -> new ArrayList<>());
            if (exception.start() != null) {
                hours.add(new LocalTime[] {exception.start(), exception.end()});
            }
        }
        Map<ProviderId, List<Period>> busy = new HashMap<>();
        for (TimeOff off : schedules.timeOff(practice, providers, from, to)) {
            busy.computeIfAbsent(new ProviderId(off.providerId()), key -> new ArrayList<>())
                    .add(new Period(off.start(), off.end()));
        }
        Map<LocationId, List<Period>> roomsTaken = new HashMap<>();
        for (BusyPeriod visit : appointments.busy(practice, providers, sites, from, to)) {
            busy.computeIfAbsent(visit.provider(), key -> new ArrayList<>())
                    .add(new Period(visit.start(), visit.busyUntil()));
            if (visit.inPerson()) {
                roomsTaken.computeIfAbsent(visit.location(), key -> new ArrayList<>())
                        .add(new Period(visit.start(), visit.end()));
            }
        }

        boolean inPerson = type.modality() == Modality.IN_PERSON;
        SlotFinder.Search search = new SlotFinder.Search(Duration.ofMinutes(type.durationMinutes()),
                Duration.ofMinutes(type.bufferMinutes()), inPerson, query.from(), query.to(), clock.instant());
        List<Slot> slots = new ArrayList<>();
        templates.forEach((key, template) -> {
            ProviderId provider = key.provider();
            LocationId site = key.location();
            Location location = places.get(site);
            ProviderCalendar calendar = new ProviderCalendar(provider, site, ZoneId.of(location.timeZone()), template,
                    exceptions.getOrDefault(key, Map.of()));
            SlotFinder.Rooms rooms = location.rooms() == null ? SlotFinder.Rooms.UNLIMITED
                    : new SlotFinder.Rooms(location.rooms(), roomsTaken.getOrDefault(site, List.of()));
            slots.addAll(SlotFinder.find(calendar, search, busy.getOrDefault(provider, List.of()), rooms));
        });
        slots.sort(Comparator.comparing(Slot::start).thenComparing(Slot::providerId).thenComparing(Slot::locationId));
        return slots;
    }

    /** A provider at a location: one calendar. */
    private record CalendarKey(ProviderId provider, LocationId location) {
    }
}
