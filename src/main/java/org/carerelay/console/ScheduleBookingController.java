package org.carerelay.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeId;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.ProviderId;
import org.carerelay.scheduling.Availability;
import org.carerelay.scheduling.Booking;
import org.carerelay.scheduling.BookingReviews;
import org.carerelay.scheduling.Slot;
import org.carerelay.scheduling.SlotDays;
import org.carerelay.scheduling.SlotUnavailableException;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Booking for a patient from the schedule: find them by name or MRN (posted, so that no name sits in a URL), then
 * the open times of a type at the location, each with its provider (all providers, or one), then a review of the
 * chosen time (what, with whom, when in the location's zone, where; a warning past the patient's change cut-off),
 * and only its Confirm books.
 */
@Controller
class ScheduleBookingController {

    /** How far ahead open times are offered. */
    static final Duration WINDOW = Duration.ofDays(14);

    private final Locations locations;
    private final AppointmentTypes types;
    private final Patients patients;
    private final Availability availability;
    private final Booking booking;
    private final BookingReviews reviews;
    private final Clock clock;

    ScheduleBookingController(Locations locations, AppointmentTypes types, Patients patients,
            Availability availability, Booking booking, BookingReviews reviews, Clock clock) {
        this.locations = locations;
        this.types = types;
        this.patients = patients;
        this.availability = availability;
        this.booking = booking;
        this.reviews = reviews;
        this.clock = clock;
    }

    @GetMapping("/console/schedule/book")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String book(@RequestParam UUID location, @RequestParam(required = false) UUID patient,
            @RequestParam(required = false) UUID type, @RequestParam(required = false) UUID provider, Model model) {
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
            ZoneId zone = ZoneId.of(place.timeZone());
            List<Slot> open = availability.search(caller.practice(), new Availability.Query(chosen.id(), place.id(),
                    null, now, now.plus(WINDOW)));
            Map<UUID, String> names = reviews.providerNames(caller.practice());
            model.addAttribute("type", chosen);
            model.addAttribute("zone", zone);
            model.addAttribute("providerNames", names);
            model.addAttribute("offering", BookingReviews.offering(open, names));
            model.addAttribute("provider", provider);
            model.addAttribute("days", SlotDays.of(BookingReviews.of(open, provider), zone, null));
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

    /** The chosen time, reviewed: nothing is booked until its Confirm. */
    @GetMapping("/console/schedule/book/review")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String review(@RequestParam UUID location, @RequestParam UUID patient, @RequestParam UUID type,
            @RequestParam UUID provider, @RequestParam String start, Model model) {
        Caller caller = Callers.current();
        model.addAttribute("patient", patients.view(caller, new PatientId(patient)));
        model.addAttribute("review", reviews.review(caller.practice(), new AppointmentTypeId(type),
                new LocationId(location), new ProviderId(provider), instant(start), null));
        return "console/schedule-book-review";
    }

    @PostMapping("/console/schedule/book")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    String booked(@RequestParam UUID patient, @RequestParam UUID type, @RequestParam UUID location,
            @RequestParam UUID provider, @RequestParam String start, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        Instant at = instant(start);
        try {
            Appointment visit = booking.book(caller, new AppointmentDetails(patient, provider, location, type,
                    at.atOffset(ZoneOffset.UTC), null, null));
            redirect.addFlashAttribute("notice", "Booked.");
            return "redirect:/console/schedule?date=" + visit.localStart().toLocalDate() + "&location="
                    + visit.locationId().value();
        } catch (SlotUnavailableException e) {
            redirect.addFlashAttribute("problem", "That time was just taken; choose another.");
            return "redirect:/console/schedule/book?location=" + location + "&patient=" + patient + "&type=" + type;
        }
    }

    private Location bookingPage(Caller caller, UUID location, String query, Model model) {
        Location place = locations.get(caller.practice(), new LocationId(location));
        model.addAttribute("location", place);
        model.addAttribute("query", query);
        model.addAttribute("types", types.list(caller.practice(), new PageRequest(0, PageRequest.MAX_SIZE)).items());
        return place;
    }

    private static Instant instant(String start) {
        try {
            return Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("start", "must be a time offered on the page");
        }
    }
}
