package org.carerelay.practice;

import java.time.Instant;

/** A kind of visit the practice offers ("New patient visit", 40 minutes, in person). */
public record AppointmentType(AppointmentTypeId id, String name, int durationMinutes, Modality modality,
        Instant createdAt, Instant updatedAt) {
}
