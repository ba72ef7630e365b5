package org.carerelay.shared;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller of a request: which practice it acts for, who it is, and what its role allows.
 * Every query a module runs for a request is scoped by {@link #practice()}. Serializable because a web session
 * keeps it.
 *
 * <p>{@link #person()} is the staff member the caller acts for: the signed-in staff member, or the one who
 * minted an API token, whose current role and panel bind the token. It is null for patients, CareRelay itself
 * and integration tokens (minted by the system, with the explicit scope of their role and no panel).
 */
public record Caller(PracticeId practice, Actor actor, String role, Set<String> permissions, UUID person)
        implements java.io.Serializable {

    public Caller {
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(actor, "actor");
        permissions = Set.copyOf(permissions);
        // A session kept before person() existed deserializes with it null: a staff actor is its own person.
        if (person == null && actor.type() == Actor.Type.STAFF) {
            person = UUID.fromString(actor.id());
        }
    }

    /** A caller acting for nobody but itself (a patient, a staff member, CareRelay, an integration token). */
    public Caller(PracticeId practice, Actor actor, String role, Set<String> permissions) {
        this(practice, actor, role, permissions, null);
    }

    public boolean can(String permission) {
        return permissions.contains(permission);
    }
}
