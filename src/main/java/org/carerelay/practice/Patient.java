package org.carerelay.practice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A patient of the practice with their contact points.
 *
 * @param timeZone         the zone messages to the patient are timed in: {@code timeZoneOverride} when set,
 *                         otherwise their usual location's, otherwise the practice's first location's
 * @param timeZoneOverride the zone set on the patient themselves, or null
 */
public record Patient(PatientId id, String givenName, String familyName, LocalDate dateOfBirth, String mrn, Sex sex,
        String preferredLanguage, PreferredChannel preferredChannel, String timeZone, String timeZoneOverride,
        LocationId usualLocationId, ProviderId usualProviderId, List<ContactPoint> contactPoints, Instant createdAt,
        Instant updatedAt) {
}
