package org.carerelay.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentFilter;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeId;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Provider;
import org.carerelay.practice.Providers;
import org.carerelay.scheduling.Availability;
import org.carerelay.scheduling.Booking;
import org.carerelay.scheduling.NoShowRates;
import org.carerelay.scheduling.ScheduleEvents;
import org.carerelay.scheduling.SlotDays;
import org.carerelay.scheduling.SlotUnavailableException;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.ConflictException;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.carerelay.shared.web.EventStreams;
import org.carerelay.video.VideoHosts;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The front desk's day (/console/schedule): one location's visits on one date, by time, with their check-in state,
 * live over Server-Sent Events (a patient cancelling by text or link shows up at once); check in, complete, mark a
 * no-show, cancel; book for a patient among the open times; and the no-show rate of the last weeks per location.
 */
@Controller
class SchedulePageController {

    /** How many weeks of no-show rates the page shows. */
    static final int RATE_WEEKS = 8;
    private static final java.time.format.DateTimeFormatter WEEK = java.time.format.DateTimeFormatter
            .ofPattern("MMM d", java.util.Locale.ENGLISH);

    private final Appointments appointments;
    private final Locations locations;
    private final Providers providers;
    private final AppointmentTypes types;
    private final Patients patients;
    private final Availability availability;
    private final Booking booking;
    private final NoShowRates noShowRates;
    private final ScheduleEvents scheduleEvents;
    private final EventStreams streams;
    private final JsonMapper json;
    private final Clock clock;
    private final VideoHosts videoHosts;

    SchedulePageController(Appointments appointments, Locations locations, Providers providers,
            AppointmentTypes types, Patients patients, Availability availability, Booking booking,
            NoShowRates noShowRates, ScheduleEvents scheduleEvents, EventStreams streams, JsonMapper json,
            Clock clock, VideoHosts videoHosts) {
        this.videoHosts = videoHosts;
        this.json = json;
        this.appointments = appointments;
        this.locations = locations;
        this.providers = providers;
        this.types = types;
        this.patients = patients;
        this.availability = availability;
        this.booking = booking;
        this.noShowRates = noShowRates;
        this.scheduleEvents = scheduleEvents;
        this.streams = streams;
        this.clock = clock;
    }

    /** One visit on the day's list; {@code host}: the viewer may host it, if it is a video visit. */
    record Row(Appointment appointment, String patientName, String providerName, String typeName, boolean video,
            boolean host) {
    }

    @GetMapping("/console/schedule")
    @RequiresPermission(Permissions.APPOINTMENTS_READ)
    String schedule(@RequestParam(required = false) String date, @RequestParam(required = false) UUID location,
            Model model) {
        Caller caller = Callers.current();
        Location place = location(caller, location);
        LocalDate day = date(date, ZoneId.of(place.timeZone()));
        day(caller, place, day, model);
        Map<String, List<NoShowRates.Week>> rates = noShowRates.lastWeeks(caller.practice(), RATE_WEEKS).stream()
                .collect(Collectors.groupingBy(NoShowRates.Week::locationName, java.util.TreeMap::new,
                        Collectors.toList()));
        model.addAttribute("noShowRates", rates);
        model.addAttribute("noShowChart", json.writeValueAsString(chart(rates)));
        return "console/schedule";
    }

    /** The day's list alone: what the open page fetches when the server says a visit changed. */
    @GetMapping("/console/schedule/day")
    @RequiresPermission(Permissions.APPOINTMENTS_READ)
    String day(@RequestParam String date, @RequestParam UUID location, Model model) {
        Caller caller = Callers.current();
        Location place = location(caller, location);
        day(caller, place, date(date, ZoneId.of(place.timeZone())), model);
        return "console/schedule :: day";
    }

    @GetMapping(value = "/console/schedule/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresPermission(Permissions.APPOINTMENTS_READ)
    SseEmitter events() {
        Caller caller = Callers.current();
        return streams.open("schedule", onChange -> scheduleEvents.subscribe(caller.practice(), onChange));
    }

    /** Check in, complete, no-show or cancel: the visit's next state. */
    @PostMapping("/console/schedule/{id}/status")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String status(@PathVariable UUID id, @RequestParam AppointmentStatus status, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        Appointment visit = appointments.find(caller.practice(), new AppointmentId(id));
        try {
            appointments.update(caller, visit.id(), new AppointmentDetails(visit.patientId().value(),
                    visit.providerId().value(), visit.locationId().value(), visit.appointmentTypeId().value(),
                    visit.localStart(), visit.localEnd(), status));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return back(visit);
    }

    /**
     * Booking for a patient: find them by name or MRN (posted, so that no name sits in a URL), then the open times of
     * a type at the location, then a time.
     */
    @GetMapping("/console/schedule/book")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String book(@RequestParam UUID location, @RequestParam(required = false) UUID patient,
            @RequestParam(required = false) UUID type, Model model) {
        Caller caller = Callers.current();
        Location place = bookingPage(caller, location, null, model);
        if (patient == null) {
            model.addAttribute("found", List.of());
            return "console/schedule-book";
        }
        model.addAttribute("patient", patients.view(caller, new PatientId(patient)));
        if (type != null) {
            AppointmentType chosen = types.get(caller.practice(), new AppointmentTypeId(type));
            Instant now = clock.instant();
            model.addAttribute("type", chosen);
            model.addAttribute("zone", ZoneId.of(place.timeZone()));
            model.addAttribute("days", SlotDays.of(availability.search(caller.practice(), new Availability.Query(
                    chosen.id(), place.id(), null, now, now.plus(java.time.Duration.ofDays(14)))),
                    ZoneId.of(place.timeZone()), null));
        }
        return "console/schedule-book";
    }

    @PostMapping("/console/schedule/book/search")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String search(@RequestParam UUID location, @RequestParam String query, Model model) {
        Caller caller = Callers.current();
        bookingPage(caller, location, query, model);
        model.addAttribute("found", query.isBlank() ? List.of()
                : patients.list(caller, query, new PageRequest(0, 10)).items());
        return "console/schedule-book";
    }

    private Location bookingPage(Caller caller, UUID location, String query, Model model) {
        Location place = location(caller, location);
        model.addAttribute("location", place);
        model.addAttribute("query", query);
        model.addAttribute("types", types.list(caller.practice(), new PageRequest(0, PageRequest.MAX_SIZE)).items());
        return place;
    }

    @PostMapping("/console/schedule/book")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String booked(@RequestParam UUID patient, @RequestParam UUID type, @RequestParam UUID location,
            @RequestParam UUID provider, @RequestParam String start, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        Instant at;
        try {
            at = Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("start", "must be a time offered on the page");
        }
        try {
            Appointment visit = booking.book(caller, new AppointmentDetails(patient, provider, location, type,
                    at.atOffset(java.time.ZoneOffset.UTC), null, null));
            redirect.addFlashAttribute("notice", "Booked.");
            return back(visit);
        } catch (SlotUnavailableException e) {
            redirect.addFlashAttribute("problem", "That time was just taken; choose another.");
            return "redirect:/console/schedule/book?location=" + location + "&patient=" + patient + "&type=" + type;
        }
    }

    /** The rates as the chart script reads them: the weeks, and one line of percentages per location. */
    private static Map<String, Object> chart(Map<String, List<NoShowRates.Week>> rates) {
        List<String> weeks = rates.isEmpty() ? List.of() : rates.values().iterator().next().stream()
                .map(week -> WEEK.format(week.week())).toList();
        List<Map<String, Object>> lines = rates.entrySet().stream().map(location -> Map.<String, Object>of(
                "label", location.getKey(),
                "data", location.getValue().stream().map(week -> week.rate() == null ? null
                        : Math.round(week.rate() * 1000) / 10.0).toList())).toList();
        return Map.of("weeks", weeks, "lines", lines);
    }

    private void day(Caller caller, Location place, LocalDate day, Model model) {
        ZoneId zone = ZoneId.of(place.timeZone());
        List<Appointment> visits = appointments.list(caller, new AppointmentFilter(
                day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant(), null, null,
                place.id().value(), null), new PageRequest(0, PageRequest.MAX_SIZE)).items();
        PageRequest all = new PageRequest(0, PageRequest.MAX_SIZE);
        Map<Object, Provider> byProvider = providers.list(caller.practice(), all).items().stream()
                .collect(Collectors.toMap(Provider::id, Function.identity()));
        Map<Object, AppointmentType> byType = types.list(caller.practice(), all).items().stream()
                .collect(Collectors.toMap(AppointmentType::id, Function.identity()));
        Map<PatientId, String> names = patients.names(caller.practice(),
                visits.stream().map(Appointment::patientId).toList());
        VideoHosts.Hosting hosting = videoHosts.of(caller);
        model.addAttribute("rows", visits.stream().map(visit -> new Row(visit, names.get(visit.patientId()),
                byProvider.get(visit.providerId()).displayName(), byType.get(visit.appointmentTypeId()).name(),
                byType.get(visit.appointmentTypeId()).modality() == Modality.VIDEO,
                hosting.mayHost(visit.providerId()))).toList());
        model.addAttribute("location", place);
        model.addAttribute("locations", locations.list(caller.practice(), all).items());
        model.addAttribute("date", day);
        model.addAttribute("zone", zone);
    }

    private Location location(Caller caller, UUID id) {
        if (id != null) {
            return locations.get(caller.practice(), new LocationId(id));
        }
        return locations.list(caller.practice(), new PageRequest(0, 1)).items().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Location"));
    }

    private LocalDate date(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return LocalDate.now(clock.withZone(zone));
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("date", "must be a date (YYYY-MM-DD)");
        }
        Appointments.withinRange(date.atStartOfDay().atOffset(java.time.ZoneOffset.UTC), "date");
        return date;
    }

    private static String back(Appointment visit) {
        return "redirect:/console/schedule?date=" + visit.localStart().toLocalDate() + "&location="
                + visit.locationId().value();
    }
}
