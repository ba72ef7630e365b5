package org.carerelay.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentTypeId;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.ProviderId;
import org.carerelay.practice.SlotTakenException;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Service;

/**
 * Books a visit. The database refuses a second visit of a provider at the same time (an exclusion constraint), so
 * of any number of people trying for one slot at once exactly one gets it; the others are answered with the open
 * slots nearest to the one they wanted.
 */
@Service
public class Booking {

    /** How many alternatives a refused booking offers. */
    public static final int ALTERNATIVES = 5;
    /** How far around the wanted time alternatives are looked for. */
    private static final Duration ALTERNATIVES_WITHIN = Duration.ofDays(14);

    private final Appointments appointments;
    private final Availability availability;
    private final Clock clock;

    Booking(Appointments appointments, Availability availability, Clock clock) {
        this.appointments = appointments;
        this.availability = availability;
        this.clock = clock;
    }

    /**
     * Books {@code details} for {@code caller}, or throws {@link SlotUnavailableException}. Not one transaction:
     * the refused insert ends its own, and the alternatives are read after it.
     */
    public Appointment book(Caller caller, AppointmentDetails details) {
        try {
            return appointments.book(caller, details);
        } catch (SlotTakenException e) {
            throw new SlotUnavailableException(alternatives(caller.practice(), details));
        }
    }

    /**
     * Books a time the patient chose among the open slots (the portal): unlike {@link #book}, which lets staff
     * book any time, only a slot availability offers, for {@code patient}; otherwise {@link SlotUnavailableException}
     * with the nearest open ones.
     */
    public Appointment bookOpenSlot(Caller caller, PatientId patient, AppointmentTypeId type, Slot chosen) {
        Instant start = chosen.start();
        AppointmentDetails details = new AppointmentDetails(patient.value(), chosen.providerId(),
                chosen.locationId(), type.value(), start.atOffset(ZoneOffset.UTC), null, null);
        boolean open = availability.search(caller.practice(), new Availability.Query(type,
                        new LocationId(chosen.locationId()), new ProviderId(chosen.providerId()),
                        start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)))).stream()
                .anyMatch(slot -> slot.start().equals(start));
        if (!open) {
            throw new SlotUnavailableException(alternatives(caller.practice(), details));
        }
        return book(caller, details);
    }

    /** The open slots of the same type at the same location nearest to the wanted start, the same provider first. */
    List<Slot> alternatives(PracticeId practice, AppointmentDetails wanted) {
        Instant start = wanted.start().toInstant();
        Instant now = clock.instant();
        Instant from = start.minus(ALTERNATIVES_WITHIN).isAfter(now) ? start.minus(ALTERNATIVES_WITHIN) : now;
        Instant to = start.plus(ALTERNATIVES_WITHIN);
        if (!to.isAfter(from)) {
            return List.of();
        }
        return availability.search(practice, new Availability.Query(new AppointmentTypeId(wanted.appointmentTypeId()),
                        new LocationId(wanted.locationId()), null, from, to)).stream()
                .sorted(Comparator.comparing((Slot slot) -> Duration.between(start, slot.start()).abs())
                        .thenComparing(slot -> !slot.providerId().equals(wanted.providerId())))
                .limit(ALTERNATIVES)
                .sorted(Comparator.comparing(Slot::start))
                .toList();
    }
}
