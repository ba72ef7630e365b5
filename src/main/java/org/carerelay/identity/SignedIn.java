package org.carerelay.identity;

import java.io.Serial;
import java.time.Instant;
import java.util.Objects;

import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A person signed in through a web page: a staff member on the console or a patient on the portal. Kept in the
 * web session (hence serializable). Its name, "<type>:<practice>:<id>", is the session's principal name, which
 * lets "sign out everywhere" find the person's sessions and the session reaper audit an expiry in the right
 * practice.
 */
public final class SignedIn extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Caller caller;
    private final Instant signedInAt;

    SignedIn(Caller caller, Instant signedInAt) {
        super(AuthorityUtils.createAuthorityList(caller.permissions().toArray(String[]::new)));
        this.caller = caller;
        this.signedInAt = Objects.requireNonNull(signedInAt);
        setAuthenticated(true);
    }

    public static String principalName(Caller caller) {
        return principalName(caller.practice(), caller.actor());
    }

    static String principalName(PracticeId practice, Actor actor) {
        return actor.type() + ":" + practice + ":" + actor.id();
    }

    public Caller caller() {
        return caller;
    }

    public Instant signedInAt() {
        return signedInAt;
    }

    /** The same person with the permissions their role has now (a Clinic Admin may have changed it). */
    SignedIn withCaller(Caller current) {
        return new SignedIn(current, signedInAt);
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return principalName(caller);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedIn that && caller.equals(that.caller) && signedInAt.equals(that.signedInAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caller, signedInAt);
    }
}
