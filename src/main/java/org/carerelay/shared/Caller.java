package org.carerelay.shared;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller of a request: which practice it acts for, who it is, and what its role allows.
 * Every query a module runs for a request is scoped by {@link #practice()}. Serializable because a web session
 * keeps it.
 */
public record Caller(PracticeId practice, Actor actor, String role, Set<String> permissions)
        implements java.io.Serializable {

    public Caller {
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(actor, "actor");
        permissions = Set.copyOf(permissions);
    }

    public boolean can(String permission) {
        return permissions.contains(permission);
    }
}
