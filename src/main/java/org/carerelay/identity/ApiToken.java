package org.carerelay.identity;

import java.time.Instant;
import java.util.UUID;

/** An API token as listed: never its secret, which is shown once, when it is issued. */
public record ApiToken(UUID id, String name, org.carerelay.practice.StaffRole role, Instant createdAt, Instant revokedAt) {
}
