package org.carerelay.scheduling;

import java.time.Instant;
import java.util.UUID;

/**
 * A patient waiting for an earlier slot of a type, at a location and with a provider (null: any), starting before
 * {@code wantedBefore} (null: any time). {@code appointmentId}: the visit a claimed slot replaces.
 */
public record WaitlistEntry(UUID id, UUID patientId, UUID appointmentTypeId, UUID locationId, UUID providerId,
        UUID appointmentId, Instant wantedBefore, Status status, Instant createdAt) {

    public enum Status {
        WAITING, FILLED, WITHDRAWN
    }
}
