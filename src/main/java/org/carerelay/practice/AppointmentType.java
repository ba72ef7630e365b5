package org.carerelay.practice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A kind of visit the practice offers ("New patient visit", 40 minutes, in person). After one, the provider is
 * busy for {@code bufferMinutes} more. {@code providerIds} are the providers who offer it; empty: all of them.
 */
public record AppointmentType(AppointmentTypeId id, String name, int durationMinutes, Modality modality,
        int bufferMinutes, List<UUID> providerIds, Instant createdAt, Instant updatedAt) {

    /** Whether {@code provider} offers this type. */
    public boolean offeredBy(ProviderId provider) {
        return providerIds.isEmpty() || providerIds.contains(provider.value());
    }
}
