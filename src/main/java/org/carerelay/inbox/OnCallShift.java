package org.carerelay.inbox;

import java.time.Instant;
import java.util.UUID;

/** A member of staff on call from {@code startsAt} to {@code endsAt}, paged at {@code phone}. */
public record OnCallShift(UUID id, UUID staffId, String phone, Instant startsAt, Instant endsAt) {
}
