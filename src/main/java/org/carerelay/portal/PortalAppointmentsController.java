package org.carerelay.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.identity.SignedIn;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeId;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.ProviderId;
import org.carerelay.practice.VisitClock;
import org.carerelay.scheduling.Availability;
import org.carerelay.scheduling.Booking;
import org.carerelay.scheduling.BookingReviews;
import org.carerelay.scheduling.PatientChanges;
import org.carerelay.scheduling.Slot;
import org.carerelay.scheduling.SlotDays;
import org.carerelay.scheduling.SlotUnavailableException;
import org.carerelay.scheduling.Waitlist;
import org.carerelay.scheduling.WaitlistRequest;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The portal's appointments: upcoming and past visits, booking a new one among the open slots (each named with its
 * provider, and reviewed before it is booked), moving or cancelling one until the practice's cut-off, and the way
 * into a video visit. Each form posts and redirects (a reload never books twice); what happened is said on the page
 * it lands on.
 */
@Controller
class PortalAppointmentsController {

    /** How far back past visits are listed. */
    static final Duration PAST = Duration.ofDays(365);
    /** How far ahead a patient may book. */
    static final Duration BOOKING_WINDOW = Duration.ofDays(14);
    /** The provider filter's "any provider". */
    static final String ANY = "any";

    private final PortalVisits visits;
    private final PortalPages pages;
    private final Patients patients;
    private final AppointmentTypes types;
    private final Locations locations;
    private final Availability availability;
    private final Booking booking;
    private final PatientChanges changes;
    private final Waitlist waitlist;
    private final BookingReviews reviews;
    private final Clock clock;

    PortalAppointmentsController(PortalVisits visits, PortalPages pages, Patients patients, AppointmentTypes types,
            Locations locations, Availability availability, Booking booking, PatientChanges changes,
            Waitlist waitlist, BookingReviews reviews, Clock clock) {
        this.waitlist = waitlist;
        this.reviews = reviews;
        this.visits = visits;
        this.pages = pages;
        this.patients = patients;
        this.types = types;
        this.locations = locations;
        this.availability = availability;
        this.booking = booking;
        this.changes = changes;
        this.clock = clock;
    }

    @GetMapping("/portal/appointments")
    String appointments(Model model, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Callers.current();
        PatientId patient = pages.open(model, request, response);
        Instant now = clock.instant();
        List<PortalVisits.Visit> all = visits.list(caller, patient, now.minus(PAST), null, now);
        model.addAttribute("upcoming", all.stream().filter(visit -> visit.appointment().end().isAfter(now)).toList());
        model.addAttribute("past", all.stream().filter(visit -> !visit.appointment().end().isAfter(now))
                .sorted(Comparator.comparing((PortalVisits.Visit visit) -> visit.appointment().start()).reversed())
                .toList());
        model.addAttribute("now", now);
        return "portal/appointments";
    }

    @PostMapping("/portal/appointments/{id}/cancel")
    String cancel(@PathVariable UUID id, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        Appointment appointment = visits.own(caller, currentPatient(), id);
        redirect.addFlashAttribute("outcome", changes.cancel(caller.practice(), appointment.id()).name());
        return "redirect:/portal/appointments";
    }

    /** The patient would come earlier if a slot frees up: a freed slot is then offered to them by a claim link. */
    @PostMapping("/portal/appointments/{id}/waitlist")
    String waitlist(@PathVariable UUID id, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        PatientId patient = currentPatient();
        Appointment appointment = visits.own(caller, patient, id);
        waitlist.join(caller, new WaitlistRequest(patient.value(), null, null, null, appointment.id().value(),
                null));
        redirect.addFlashAttribute("outcome", "WAITLISTED");
        return "redirect:/portal/appointments";
    }

    /**
     * Moving a visit, step one: the open times, each with its provider; those of the visit's own provider unless the
     * patient asks for another ({@code provider}) or for any ({@code any}).
     */
    @GetMapping("/portal/appointments/{id}/reschedule")
    String rescheduleOptions(@PathVariable UUID id, @RequestParam(required = false) String provider, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Callers.current();
        PatientId patient = pages.open(model, request, response);
        Appointment appointment = visits.own(caller, patient, id);
        UUID with = provider == null ? appointment.providerId().value() : ANY.equals(provider) ? null
                : uuid(provider);
        List<Slot> open = changes.rescheduleOptions(caller.practice(), appointment);
        Map<UUID, String> names = reviews.providerNames(caller.practice());
        PortalVisits.Visit visit = visits.describe(caller, List.of(appointment), clock.instant()).get(0);
        model.addAttribute("visit", visit);
        model.addAttribute("providerNames", names);
        model.addAttribute("offering", BookingReviews.offering(open, names));
        model.addAttribute("provider", with);
        model.addAttribute("days", SlotDays.of(BookingReviews.of(open, with), visit.zone(),
                appointment.providerId().value()));
        return "portal/reschedule";
    }

    /** Moving a visit, step two: the new time reviewed; nothing moves until its Confirm. */
    @GetMapping("/portal/appointments/{id}/reschedule/review")
    String rescheduleReview(@PathVariable UUID id, @RequestParam String start, @RequestParam UUID provider,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Callers.current();
        PatientId patient = pages.open(model, request, response);
        Appointment appointment = visits.own(caller, patient, id);
        model.addAttribute("review", reviews.review(caller.practice(), appointment.appointmentTypeId(),
                appointment.locationId(), new ProviderId(provider), instant(start),
                patients.find(caller.practice(), patient).timeZone()));
        model.addAttribute("action", "/portal/appointments/" + id + "/reschedule");
        model.addAttribute("back", "/portal/appointments/" + id + "/reschedule");
        model.addAttribute("rescheduling", true);
        return "portal/book-review";
    }

    @PostMapping("/portal/appointments/{id}/reschedule")
    String reschedule(@PathVariable UUID id, @RequestParam String start, @RequestParam UUID provider,
            RedirectAttributes redirect) {
        Caller caller = Callers.current();
        Appointment appointment = visits.own(caller, currentPatient(), id);
        PatientChanges.Outcome outcome = changes.reschedule(caller.practice(), appointment.id(), instant(start),
                provider);
        redirect.addFlashAttribute("outcome", outcome.name());
        return outcome == PatientChanges.Outcome.SLOT_UNAVAILABLE ? "redirect:/portal/appointments/" + id
                + "/reschedule" : "redirect:/portal/appointments";
    }

    /**
     * Booking, step one: what kind of visit and where; step two (with both): the open times, each with its provider,
     * of one provider or any.
     */
    @GetMapping("/portal/book")
    String book(@RequestParam(required = false) UUID type, @RequestParam(required = false) UUID location,
            @RequestParam(required = false) UUID provider, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Caller caller = Callers.current();
        PatientId patient = pages.open(model, request, response);
        List<AppointmentType> offered = types.list(caller.practice(), new PageRequest(0, PageRequest.MAX_SIZE))
                .items();
        List<Location> places = locations.list(caller.practice(), new PageRequest(0, PageRequest.MAX_SIZE)).items();
        model.addAttribute("types", offered);
        model.addAttribute("locations", places);
        if (type == null || location == null) {
            Patient shown = patients.find(caller.practice(), patient);
            model.addAttribute("chosenType", type);
            model.addAttribute("chosenLocation", location != null ? location : shown.usualLocationId() != null
                    ? shown.usualLocationId().value() : places.isEmpty() ? null : places.get(0).id().value());
            return "portal/book";
        }
        AppointmentType chosenType = offered.stream().filter(t -> t.id().value().equals(type)).findFirst()
                .orElseThrow(() -> new org.carerelay.shared.NotFoundException("Appointment type"));
        Location place = places.stream().filter(l -> l.id().value().equals(location)).findFirst()
                .orElseThrow(() -> new org.carerelay.shared.NotFoundException("Location"));
        Instant now = clock.instant();
        List<Slot> open = availability.search(caller.practice(), new Availability.Query(chosenType.id(),
                place.id(), null, now, now.plus(BOOKING_WINDOW)));
        Patient shown = patients.find(caller.practice(), patient);
        Map<UUID, String> names = reviews.providerNames(caller.practice());
        model.addAttribute("chosenType", chosenType);
        model.addAttribute("chosenLocation", place);
        ZoneId zone = VisitClock.zone(chosenType.modality(), place.timeZone(), shown.timeZone());
        model.addAttribute("zone", zone);
        model.addAttribute("providerNames", names);
        model.addAttribute("offering", BookingReviews.offering(open, names));
        model.addAttribute("provider", provider);
        model.addAttribute("days", SlotDays.of(BookingReviews.of(open, provider), zone,
                shown.usualProviderId() == null ? null : shown.usualProviderId().value()));
        return "portal/book-times";
    }

    /** Booking, step three: the chosen time reviewed (with a warning past the change cut-off); its Confirm books. */
    @GetMapping("/portal/book/review")
    String review(@RequestParam UUID type, @RequestParam UUID location, @RequestParam UUID provider,
            @RequestParam String start, Model model, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Callers.current();
        PatientId patient = pages.open(model, request, response);
        model.addAttribute("review", reviews.review(caller.practice(), new AppointmentTypeId(type),
                new LocationId(location), new ProviderId(provider), instant(start),
                patients.find(caller.practice(), patient).timeZone()));
        model.addAttribute("action", "/portal/book");
        model.addAttribute("back", "/portal/book?type=" + type + "&location=" + location);
        model.addAttribute("rescheduling", false);
        return "portal/book-review";
    }

    @PostMapping("/portal/book")
    String booked(@RequestParam UUID type, @RequestParam UUID location, @RequestParam UUID provider,
            @RequestParam String start, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        Instant at = instant(start);
        try {
            booking.bookOpenSlot(caller, currentPatient(), new AppointmentTypeId(type),
                    new Slot(at, at, provider, location));
        } catch (SlotUnavailableException e) {
            redirect.addFlashAttribute("outcome", "SLOT_UNAVAILABLE");
            return "redirect:/portal/book?type=" + type + "&location=" + location;
        }
        redirect.addFlashAttribute("outcome", "BOOKED");
        return "redirect:/portal/appointments";
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new org.carerelay.shared.InvalidFieldException("provider", "must be a provider offered on the page");
        }
    }

    private static PatientId currentPatient() {
        return new PatientId(SignedIn.currentPortalPatient());
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new org.carerelay.shared.InvalidFieldException("start", "must be a time offered on the page");
        }
    }
}
