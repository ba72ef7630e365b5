package org.carerelay.shared;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** A practice: the tenant that every row of practice data belongs to. */
public record PracticeId(@JsonValue UUID value) implements java.io.Serializable {

    public PracticeId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
