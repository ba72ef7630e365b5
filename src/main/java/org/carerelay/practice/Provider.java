package org.carerelay.practice;

import java.time.Instant;
import java.util.List;

/** A clinician who sees patients; {@code npi} is the US National Provider Identifier, when there is one. */
public record Provider(ProviderId id, String givenName, String familyName, String credentials, String npi,
        List<LocationId> locationIds, Instant createdAt, Instant updatedAt) {

    /** The provider as patients see them named: given and family name, then credentials (Naomi Fischer, MD). */
    public String displayName() {
        String name = givenName + " " + familyName;
        return credentials == null || credentials.isBlank() ? name : name + ", " + credentials;
    }
}
