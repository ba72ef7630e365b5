package org.carerelay.practice;

import java.time.Instant;

import org.carerelay.shared.Actor;

/** One recorded consent decision, as kept in a contact point's history. */
public record ConsentChange(ConsentPurpose purpose, boolean granted, ConsentSource source, Instant recordedAt,
        Actor recordedBy) {
}
