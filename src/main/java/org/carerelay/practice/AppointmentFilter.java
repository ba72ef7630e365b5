package org.carerelay.practice;

import java.time.Instant;
import java.util.UUID;

/** Which appointments to list; every part is optional. {@code from} is inclusive, {@code to} exclusive. */
public record AppointmentFilter(Instant from, Instant to, UUID patientId, UUID providerId, UUID locationId,
        AppointmentStatus status) {
}
