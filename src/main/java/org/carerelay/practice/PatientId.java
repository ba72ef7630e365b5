package org.carerelay.practice;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a patient. */
public record PatientId(@JsonValue UUID value) {

    public PatientId {
        Objects.requireNonNull(value, "value");
    }

    public static PatientId random() {
        return new PatientId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
