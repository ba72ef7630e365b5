package org.carerelay.practice;

import java.time.Instant;
import java.util.List;

/**
 * A place where the practice sees patients; its time zone governs appointment times and quiet hours. It holds
 * {@code rooms} in-person visits at once (null: not limited).
 */
public record Location(LocationId id, String name, Address address, String phone, String timeZone,
        List<BusinessHours> businessHours, Integer rooms, Instant createdAt, Instant updatedAt) {
}
