package org.carerelay.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.carerelay.audit.AuditLog;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.SlotTakenException;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a patient may do to their own visit without calling: confirm it until it starts; cancel or move it until
 * the practice's cut-off ({@code scheduling.patient-change-cutoff-hours} before the start). Staff are not held to
 * the cut-off (they change visits through the API). Each change goes through {@link Appointments}, so it is audited
 * with the patient as actor and its reminders follow it.
 */
@Service
public class PatientChanges {

    /** What became of a patient's request. */
    public enum Outcome {
        CONFIRMED, CANCELLED, RESCHEDULED,
        /** Within the cut-off: the patient is asked to call. */
        TOO_LATE,
        /** Cancelled, over or begun: nothing to do. */
        NOT_UPCOMING,
        /** The new time was taken by someone else meanwhile, or is not an open slot. */
        SLOT_UNAVAILABLE
    }

    /** How far ahead a patient is offered new times. */
    static final Duration RESCHEDULE_WINDOW = Duration.ofDays(14);

    private final Appointments appointments;
    private final Availability availability;
    private final Settings settings;
    private final AuditLog auditLog;
    private final Clock clock;

    PatientChanges(Appointments appointments, Availability availability, Settings settings, AuditLog auditLog,
            Clock clock) {
        this.auditLog = auditLog;
        this.appointments = appointments;
        this.availability = availability;
        this.settings = settings;
        this.clock = clock;
    }

    /** The last moment the patient may cancel or move {@code appointment} themselves. */
    public Instant cutoff(PracticeId practice, Appointment appointment) {
        return appointment.start().minus(cutoffBefore(practice));
    }

    /** How long before its start a visit can no longer be cancelled or moved by the patient. */
    public Duration cutoffBefore(PracticeId practice) {
        return Duration.ofHours(settings.get(practice, Setting.PATIENT_CHANGE_CUTOFF_HOURS));
    }

    /** Whether a visit at {@code start}, booked now, is already past the cut-off: the patient could not change it. */
    public boolean pastCutoff(PracticeId practice, Instant start) {
        return !clock.instant().isBefore(start.minus(cutoffBefore(practice)));
    }

    @Transactional
    public Outcome confirm(PracticeId practice, AppointmentId id) {
        Appointment appointment = appointments.find(practice, id);
        if (!AppointmentMessages.upcoming(appointment, clock.instant())) {
            return Outcome.NOT_UPCOMING;
        }
        if (appointment.status() != AppointmentStatus.CONFIRMED) {
            change(practice, appointment, AppointmentStatus.CONFIRMED);
        }
        return Outcome.CONFIRMED;
    }

    @Transactional
    public Outcome cancel(PracticeId practice, AppointmentId id) {
        Appointment appointment = appointments.find(practice, id);
        if (!AppointmentMessages.upcoming(appointment, clock.instant())) {
            return appointment.status() == AppointmentStatus.CANCELLED ? Outcome.CANCELLED : Outcome.NOT_UPCOMING;
        }
        if (!clock.instant().isBefore(cutoff(practice, appointment))) {
            return Outcome.TOO_LATE;
        }
        change(practice, appointment, AppointmentStatus.CANCELLED);
        return Outcome.CANCELLED;
    }

    /**
     * The open slots the patient may move {@code appointment} to: same type and location, any provider who offers
     * it, over the fortnight that starts where the cut-off allows (a new time inside it could not be changed again).
     */
    @Transactional(readOnly = true)
    public List<Slot> rescheduleOptions(PracticeId practice, Appointment appointment) {
        Instant from = clock.instant().plus(Duration.between(cutoff(practice, appointment), appointment.start()));
        return availability.search(practice, new Availability.Query(appointment.appointmentTypeId(),
                appointment.locationId(), null, from, from.plus(RESCHEDULE_WINDOW)));
    }

    /** Moves the visit to the slot at {@code start} with {@code provider}, one of {@link #rescheduleOptions}. */
    @Transactional
    public Outcome reschedule(PracticeId practice, AppointmentId id, Instant start, UUID provider) {
        Appointment appointment = appointments.find(practice, id);
        if (!AppointmentMessages.upcoming(appointment, clock.instant())) {
            return Outcome.NOT_UPCOMING;
        }
        if (!clock.instant().isBefore(cutoff(practice, appointment))) {
            return Outcome.TOO_LATE;
        }
        Optional<Slot> chosen = rescheduleOptions(practice, appointment).stream()
                .filter(slot -> slot.start().equals(start) && slot.providerId().equals(provider))
                .findFirst();
        if (chosen.isEmpty()) {
            return Outcome.SLOT_UNAVAILABLE;
        }
        try {
            // Under a savepoint: a slot taken meanwhile fails the update, and the caller's transaction goes on.
            auditLog.withinSavepoint(() -> appointments.update(patient(practice, appointment), id,
                    new AppointmentDetails(appointment.patientId().value(), provider, chosen.get().locationId(),
                            appointment.appointmentTypeId().value(), start.atZone(ZoneId.of(appointment.timeZone()))
                                    .toOffsetDateTime(), null, AppointmentStatus.CONFIRMED))); // chosen just now
        } catch (SlotTakenException e) {
            return Outcome.SLOT_UNAVAILABLE;
        }
        return Outcome.RESCHEDULED;
    }

    private void change(PracticeId practice, Appointment appointment, AppointmentStatus status) {
        appointments.update(patient(practice, appointment), appointment.id(), new AppointmentDetails(
                appointment.patientId().value(), appointment.providerId().value(), appointment.locationId().value(),
                appointment.appointmentTypeId().value(), appointment.localStart(), appointment.localEnd(), status));
    }

    /** The patient acting on their own visit (by a link or a text: they hold its secret or its phone). */
    private static Caller patient(PracticeId practice, Appointment appointment) {
        return new Caller(practice, new Actor(Actor.Type.PATIENT, appointment.patientId().toString()), "PATIENT",
                Set.of());
    }

}
