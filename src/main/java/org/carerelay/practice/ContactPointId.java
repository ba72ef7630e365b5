package org.carerelay.practice;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a contact point. */
public record ContactPointId(@JsonValue UUID value) {

    public ContactPointId {
        Objects.requireNonNull(value, "value");
    }

    public static ContactPointId random() {
        return new ContactPointId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
