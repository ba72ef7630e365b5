package org.carerelay.practice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * An appointment. {@code start} and {@code end} are instants (UTC); {@code localStart} and {@code localEnd} are the
 * same moments in the location's {@code timeZone}, as the patient and the front desk see them.
 */
public record Appointment(AppointmentId id, PatientId patientId, ProviderId providerId, LocationId locationId,
        AppointmentTypeId appointmentTypeId, Instant start, Instant end, String timeZone, OffsetDateTime localStart,
        OffsetDateTime localEnd, AppointmentStatus status, Instant createdAt, Instant updatedAt) {

    /** The location's zone. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /**
     * The states this visit may move to at {@code now}: those its status allows, less a check-in before the visit's
     * day (in the location's zone) and a no-show before its start (a patient cannot miss a visit still to come).
     */
    public Set<AppointmentStatus> nextAt(Instant now) {
        Set<AppointmentStatus> next = EnumSet.noneOf(AppointmentStatus.class);
        for (AppointmentStatus status : status.next()) {
            if (tooEarlyFor(status, now).isEmpty()) {
                next.add(status);
            }
        }
        return next;
    }

    /** Why this visit cannot become {@code status} yet at {@code now}; empty when the time allows it. */
    public Optional<String> tooEarlyFor(AppointmentStatus status, Instant now) {
        LocalDate today = now.atZone(zone()).toLocalDate();
        if (status == AppointmentStatus.CHECKED_IN && today.isBefore(localStart.toLocalDate())) {
            return Optional.of("A patient can be checked in from the day of the visit (" + localStart.toLocalDate()
                    + "), not before");
        }
        if (status == AppointmentStatus.NO_SHOW && !now.isAfter(start)) {
            return Optional.of("A visit can be marked a no-show only once it has started");
        }
        return Optional.empty();
    }
}
