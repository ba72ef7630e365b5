package org.carerelay.practice;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a appointment. */
public record AppointmentId(@JsonValue UUID value) {

    public AppointmentId {
        Objects.requireNonNull(value, "value");
    }

    public static AppointmentId random() {
        return new AppointmentId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
