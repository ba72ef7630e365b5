package org.carerelay.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * An API token as listed: never its secret, which is shown once, when it is issued. {@code actsFor} is the staff
 * member it acts for (and is held to), null for an integration token minted by CareRelay itself.
 */
public record ApiToken(UUID id, String name, org.carerelay.practice.StaffRole role, UUID actsFor, Instant createdAt,
        Instant revokedAt) {
}
