package org.carerelay.practice;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a location. */
public record LocationId(@JsonValue UUID value) {

    public LocationId {
        Objects.requireNonNull(value, "value");
    }

    public static LocationId random() {
        return new LocationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
