package org.carerelay.practice;

import java.time.Instant;
import java.util.List;

/** A place where the practice sees patients; its time zone governs appointment times and quiet hours. */
public record Location(LocationId id, String name, Address address, String phone, String timeZone,
        List<BusinessHours> businessHours, Instant createdAt, Instant updatedAt) {
}
