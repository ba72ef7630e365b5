package org.carerelay.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.ContactNormalizer;
import org.carerelay.practice.Modality;
import org.carerelay.practice.Patient;
import org.carerelay.practice.Location;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.carerelay.practice.Providers;
import org.carerelay.practice.VisitClock;
import org.carerelay.shared.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the one-tap link pages ({@code /r/<token>}) show and do. Opening a link shows the visit to whoever holds
 * it (the patient it was sent to): a PHI view, audited with the patient as actor. Acting on it goes through
 * {@link PatientChanges}, with its cut-off.
 */
@Service
public class LinkActions {

    /** A link opened: the visit it is about, as the page shows it, and where it stands. */
    public record LinkView(AppointmentLinks.Purpose purpose, boolean expired, Practice practice, String language,
            ZoneId zone, Appointment appointment, String providerName, Location location, boolean video,
            String phone, Instant cutoff, List<SlotDays> options) {

        public boolean changeable(Instant now) {
            return now.isBefore(cutoff);
        }

        /** Booked or confirmed: a visit the link can still act on. */
        public boolean live() {
            return appointment.status() == AppointmentStatus.BOOKED
                    || appointment.status() == AppointmentStatus.CONFIRMED;
        }
    }

    private final AppointmentLinks links;
    private final Appointments appointments;
    private final Patients patients;
    private final Practices practices;
    private final Providers providers;
    private final Locations locations;
    private final PatientChanges changes;
    private final AuditLog auditLog;
    private final AppointmentTypes types;
    private final ContactNormalizer phones;
    private final Clock clock;

    LinkActions(AppointmentLinks links, Appointments appointments, Patients patients, Practices practices,
            Providers providers, Locations locations, PatientChanges changes, AuditLog auditLog,
            AppointmentTypes types, ContactNormalizer phones, Clock clock) {
        this.types = types;
        this.phones = phones;
        this.clock = clock;
        this.links = links;
        this.appointments = appointments;
        this.patients = patients;
        this.practices = practices;
        this.providers = providers;
        this.locations = locations;
        this.changes = changes;
        this.auditLog = auditLog;
    }

    /** What a link did, and the visit as it now stands. */
    public record Acted(PatientChanges.Outcome outcome, LinkView view) {
    }

    /** The visit a join link leads into (the portal's video page), while the link is valid. */
    @Transactional(readOnly = true)
    public Optional<AppointmentId> joinTarget(String token) {
        return links.resolve(token)
                .filter(link -> link.purpose() == AppointmentLinks.Purpose.JOIN && !link.expired())
                .map(AppointmentLinks.Link::appointment);
    }

    /** The page of a link; empty for a token never issued. An expired link names only the practice. */
    @Transactional
    public Optional<LinkView> open(String token) {
        return links.resolve(token).map(link -> {
            if (link.expired()) {
                Practice practice = practices.get(link.practice());
                return new LinkView(link.purpose(), true, practice, practice.defaultLanguage(), null, null, null,
                        null, false, null, null, List.of());
            }
            Appointment appointment = appointments.find(link.practice(), link.appointment());
            boolean rescheduling = link.purpose() == AppointmentLinks.Purpose.RESCHEDULE
                    && AppointmentMessages.upcoming(appointment, clock.instant());
            return view(link, appointment, rescheduling
                    ? changes.rescheduleOptions(link.practice(), appointment) : List.of());
        });
    }

    /**
     * Does what the link is for ({@code newStart} and {@code newProvider}: the slot chosen to reschedule to);
     * empty for an unknown or expired link.
     */
    @Transactional
    public Optional<Acted> act(String token, Instant newStart, UUID newProvider) {
        Optional<AppointmentLinks.Link> found = links.resolve(token)
                .filter(link -> !link.expired() && link.purpose() != AppointmentLinks.Purpose.JOIN);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AppointmentLinks.Link link = found.get();
        PatientChanges.Outcome outcome = switch (link.purpose()) {
            case CONFIRM -> changes.confirm(link.practice(), link.appointment());
            case CANCEL -> changes.cancel(link.practice(), link.appointment());
            case RESCHEDULE -> newStart == null || newProvider == null ? PatientChanges.Outcome.SLOT_UNAVAILABLE
                    : changes.reschedule(link.practice(), link.appointment(), newStart, newProvider);
            case JOIN -> throw new IllegalStateException("a join link only leads to the portal (filtered above)");
        };
        links.used(token);
        Appointment now = appointments.find(link.practice(), link.appointment());
        boolean chooseAgain = outcome == PatientChanges.Outcome.SLOT_UNAVAILABLE;
        return Optional.of(new Acted(outcome, view(link, now, chooseAgain
                ? changes.rescheduleOptions(link.practice(), now) : List.of())));
    }

    private LinkView view(AppointmentLinks.Link link, Appointment appointment, List<Slot> options) {
        auditLog.record(new AuditEvent(link.practice(), patient(appointment), "phi.appointment.viewed",
                AuditEvent.Target.of("appointment", appointment.id()), Map.of("via", "link")));
        Practice practice = practices.get(link.practice());
        Location location = locations.get(link.practice(), appointment.locationId());
        Patient patient = patients.find(link.practice(), appointment.patientId());
        Modality modality = types.get(link.practice(), appointment.appointmentTypeId()).modality();
        ZoneId zone = VisitClock.zone(modality, appointment.timeZone(), patient.timeZone());
        return new LinkView(link.purpose(), false, practice, patient.preferredLanguage(), zone, appointment,
                providers.get(link.practice(), appointment.providerId()).displayName(), location,
                modality == Modality.VIDEO,
                location.phone() == null ? practice.brandName() : phones.display(location.phone()),
                changes.cutoff(link.practice(), appointment),
                SlotDays.of(options, zone, appointment.providerId().value()));
    }

    private static Actor patient(Appointment appointment) {
        return new Actor(Actor.Type.PATIENT, appointment.patientId().toString());
    }
}
