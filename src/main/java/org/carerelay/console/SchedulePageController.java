package org.carerelay.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentFilter;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.CancelReason;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Provider;
import org.carerelay.practice.Providers;
import org.carerelay.scheduling.NoShowRates;
import org.carerelay.scheduling.ScheduleEvents;
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
 * no-show (each when the visit's time allows it, and undone the same day), cancel with a reason; and the no-show
 * rate and cancellations of the last weeks per location. Booking is {@link ScheduleBookingController}'s.
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
    private final NoShowRates noShowRates;
    private final ScheduleEvents scheduleEvents;
    private final EventStreams streams;
    private final JsonMapper json;
    private final Clock clock;
    private final VideoHosts videoHosts;

    SchedulePageController(Appointments appointments, Locations locations, Providers providers,
            AppointmentTypes types, Patients patients, NoShowRates noShowRates, ScheduleEvents scheduleEvents,
            EventStreams streams, JsonMapper json, Clock clock, VideoHosts videoHosts) {
        this.videoHosts = videoHosts;
        this.json = json;
        this.appointments = appointments;
        this.locations = locations;
        this.providers = providers;
        this.types = types;
        this.patients = patients;
        this.noShowRates = noShowRates;
        this.scheduleEvents = scheduleEvents;
        this.streams = streams;
        this.clock = clock;
    }

    /**
     * One visit on the day's list, with what the signed-in member of staff may do to it now: the next states its
     * time allows ({@code actions}), whether a check-in or no-show of today can be taken back, and ({@code host})
     * whether they may host it, if it is a video visit.
     */
    record Row(Appointment appointment, String patientName, String providerName, String typeName, boolean video,
            Set<AppointmentStatus> actions, boolean undoable, boolean host) {
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
        model.addAttribute("cancellations", noShowRates.cancellations(caller.practice(), RATE_WEEKS).stream()
                .collect(Collectors.groupingBy(NoShowRates.Cancellations::locationName, java.util.TreeMap::new,
                        Collectors.toList())));
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

    /**
     * Confirm, check in, complete or mark a no-show: the visit's next state, when its time allows it (a check-in from
     * the visit's day, a no-show once it has started). Cancelling asks for a reason first ({@link #cancelForm}).
     * A refusal is the day's page again with the reason, as a 409.
     */
    @PostMapping("/console/schedule/{id}/status")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String status(@PathVariable UUID id, @RequestParam AppointmentStatus status, Model model,
            HttpServletResponse response) {
        Caller caller = Callers.current();
        Appointment visit = appointments.find(caller.practice(), new AppointmentId(id));
        if (status == AppointmentStatus.CANCELLED) {
            throw new InvalidFieldException("status", "a visit is cancelled with a reason, from its cancel page");
        }
        try {
            appointments.update(caller, visit.id(), new AppointmentDetails(visit.patientId().value(),
                    visit.providerId().value(), visit.locationId().value(), visit.appointmentTypeId().value(),
                    visit.localStart(), visit.localEnd(), status));
        } catch (ConflictException e) {
            return refused(visit, e, model, response);
        }
        return back(visit);
    }

    /** Takes back a check-in or no-show marked today (a wrong row clicked), back to booked or confirmed. */
    @PostMapping("/console/schedule/{id}/undo")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String undo(@PathVariable UUID id, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        Appointment visit = appointments.find(caller.practice(), new AppointmentId(id));
        try {
            appointments.undoStatus(caller, visit.id());
        } catch (ConflictException e) {
            return refused(visit, e, model, response);
        }
        redirect.addFlashAttribute("notice", "Undone.");
        return back(visit);
    }

    /** Cancelling, step one: which visit, why, and whether the patient is told. Nothing changes yet. */
    @GetMapping("/console/schedule/{id}/cancel")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String cancelForm(@PathVariable UUID id, Model model) {
        Caller caller = Callers.current();
        Appointment visit = appointments.view(caller, new AppointmentId(id));
        Location place = locations.get(caller.practice(), visit.locationId());
        model.addAttribute("visit", visit);
        model.addAttribute("location", place);
        model.addAttribute("patientName", patients.names(caller.practice(), List.of(visit.patientId()))
                .get(visit.patientId()));
        model.addAttribute("providerName", providers.get(caller.practice(), visit.providerId()).displayName());
        model.addAttribute("typeName", types.get(caller.practice(), visit.appointmentTypeId()).name());
        model.addAttribute("reasons", CancelReason.values());
        return "console/schedule-cancel";
    }

    /** Cancelling, step two: with the reason chosen; the patient is told unless the desk unticked it. */
    @PostMapping("/console/schedule/{id}/cancel")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String cancel(@PathVariable UUID id, @RequestParam(required = false) CancelReason reason,
            @RequestParam(defaultValue = "false") boolean tellPatient, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Caller caller = Callers.current();
        Appointment visit = appointments.find(caller.practice(), new AppointmentId(id));
        if (reason == null) {
            throw new InvalidFieldException("reason", "choose why the visit is cancelled");
        }
        try {
            appointments.cancel(caller, visit.id(), reason, tellPatient);
        } catch (ConflictException e) {
            return refused(visit, e, model, response);
        }
        redirect.addFlashAttribute("notice", tellPatient ? "Cancelled; the patient is being told."
                : "Cancelled; the patient was not sent a message.");
        return back(visit);
    }

    /** The visit's day again, saying why the change was refused, as a 409. */
    private String refused(Appointment visit, ConflictException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("problem", e.getMessage());
        return schedule(visit.localStart().toLocalDate().toString(), visit.locationId().value(), model);
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
        // Only the actions the role may take are offered: a Read Only or Billing user sees no buttons.
        boolean mayChange = caller.can(Permissions.APPOINTMENTS_WRITE);
        Set<AppointmentId> undoable = mayChange ? appointments.undoable(caller.practice(), visits) : Set.of();
        Instant now = clock.instant();
        VideoHosts.Hosting hosting = videoHosts.of(caller);
        model.addAttribute("rows", visits.stream().map(visit -> new Row(visit, names.get(visit.patientId()),
                byProvider.get(visit.providerId()).displayName(), byType.get(visit.appointmentTypeId()).name(),
                byType.get(visit.appointmentTypeId()).modality() == Modality.VIDEO,
                mayChange ? actions(visit, now) : Set.of(), undoable.contains(visit.id()),
                hosting.mayHost(visit.providerId()))).toList());
        model.addAttribute("mayBook", mayChange);
        model.addAttribute("location", place);
        model.addAttribute("locations", locations.list(caller.practice(), all).items());
        model.addAttribute("date", day);
        model.addAttribute("zone", zone);
    }

    /** What the row's buttons offer: the next states the visit's time allows; going back to booked is not offered. */
    private static Set<AppointmentStatus> actions(Appointment visit, Instant now) {
        Set<AppointmentStatus> actions = EnumSet.noneOf(AppointmentStatus.class);
        actions.addAll(visit.nextAt(now));
        actions.remove(AppointmentStatus.BOOKED);
        return actions;
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
