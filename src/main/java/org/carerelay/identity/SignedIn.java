package org.carerelay.identity;

import java.io.Serial;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A person signed in through a web page: a staff member on the console or a patient on the portal. Kept in the
 * web session (hence serializable). Its name, "<type>:<practice>:<id>", is the session's principal name, which
 * lets "sign out everywhere" find the person's sessions and the session reaper audit an expiry in the right
 * practice.
 *
 * <p>On the portal it also names the patient whose portal it is: the patient themself, or, for a staff member with
 * {@code portal:impersonate} viewing the portal as that patient, the patient viewed (read-only).
 */
public final class SignedIn extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Caller caller;
    private final Instant signedInAt;
    private final UUID portalPatient;

    SignedIn(Caller caller, Instant signedInAt, UUID portalPatient) {
        super(AuthorityUtils.createAuthorityList(caller.permissions().toArray(String[]::new)));
        this.caller = caller;
        this.signedInAt = Objects.requireNonNull(signedInAt);
        this.portalPatient = portalPatient;
        setAuthenticated(true);
    }

    /** The patient whose portal the current request shows. */
    public static UUID currentPortalPatient() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof SignedIn signedIn
                && signedIn.portalPatient != null) {
            return signedIn.portalPatient;
        }
        throw new AuthenticationCredentialsNotFoundException("Not on the portal");
    }

    /** Whether the current request is a staff member viewing a patient's portal (read-only). */
    public static boolean currentlyViewingAsPatient() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof SignedIn signedIn
                && signedIn.viewingAsPatient();
    }

    UUID portalPatient() {
        return portalPatient;
    }

    boolean viewingAsPatient() {
        return portalPatient != null && caller.actor().type() == Actor.Type.STAFF;
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
        return new SignedIn(current, signedInAt, portalPatient);
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
        return other instanceof SignedIn that && caller.equals(that.caller) && signedInAt.equals(that.signedInAt)
                && Objects.equals(portalPatient, that.portalPatient);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caller, signedInAt, portalPatient);
    }
}
