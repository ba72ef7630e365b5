package org.carerelay.scheduling;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Putting a patient on the waitlist. With {@code appointmentId} (their booked visit) the type, location and
 * provider default to that visit's and {@code wantedBefore} to its start: the patient wants it earlier.
 */
public record WaitlistRequest(
        @NotNull UUID patientId,
        UUID appointmentTypeId,
        UUID locationId,
        UUID providerId,
        UUID appointmentId,
        OffsetDateTime wantedBefore) {
}
