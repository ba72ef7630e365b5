package org.carerelay.practice;

import java.time.Instant;

/** A member of the practice's staff. An inactive staff user keeps their history but can no longer act. */
public record StaffUser(StaffUserId id, String givenName, String familyName, String email, StaffRole role,
        boolean active, Instant createdAt, Instant updatedAt) {
}
