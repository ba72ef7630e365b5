package org.carerelay.practice;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a staff user. */
public record StaffUserId(@JsonValue UUID value) {

    public StaffUserId {
        Objects.requireNonNull(value, "value");
    }

    public static StaffUserId random() {
        return new StaffUserId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
