package org.carerelay.practice;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a appointment type. */
public record AppointmentTypeId(@JsonValue UUID value) {

    public AppointmentTypeId {
        Objects.requireNonNull(value, "value");
    }

    public static AppointmentTypeId random() {
        return new AppointmentTypeId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
