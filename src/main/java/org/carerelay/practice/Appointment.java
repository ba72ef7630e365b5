package org.carerelay.practice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

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
}
