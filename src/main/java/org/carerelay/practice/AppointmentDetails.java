package org.carerelay.practice;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * An appointment to book or the new state of one. {@code start} and {@code end} carry their UTC offset; {@code end}
 * defaults to start plus the type's duration, {@code status} to booked. The patient of an appointment never
 * changes.
 */
public record AppointmentDetails(
        @NotNull UUID patientId,
        @NotNull UUID providerId,
        @NotNull UUID locationId,
        @NotNull UUID appointmentTypeId,
        @NotNull OffsetDateTime start,
        OffsetDateTime end,
        AppointmentStatus status) {
}
