package org.carerelay.shared;

import java.util.Objects;

/** Who did something, as the audit log records it: a type and an opaque id, never a name. */
public record Actor(Type type, String id) implements java.io.Serializable {

    public enum Type {
        STAFF, PATIENT, SYSTEM, API_TOKEN
    }

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** CareRelay itself, doing {@code job} (e.g. "demo-seed", "scheduler"). */
    public static Actor system(String job) {
        return new Actor(Type.SYSTEM, job);
    }
}
