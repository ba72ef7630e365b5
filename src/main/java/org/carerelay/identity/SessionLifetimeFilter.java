package org.carerelay.identity;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a signed-in session on every page request: past its absolute lifetime (12 h staff, 24 h patients) or
 * belonging to a staff member since deactivated, it ends; a staff member whose role changed gets the new role's
 * permissions at once, not at the next sign-in.
 */
class SessionLifetimeFilter extends OncePerRequestFilter {

    private final WebSessions sessions;
    private final StaffSignIn staff;
    private final Clock clock;
    private final Actor.Type pages;

    /** {@code pages}: whose pages these are (STAFF the console, PATIENT the portal). */
    SessionLifetimeFilter(WebSessions sessions, StaffSignIn staff, Clock clock, Actor.Type pages) {
        this.sessions = sessions;
        this.staff = staff;
        this.clock = clock;
        this.pages = pages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof SignedIn signedIn) {
            Caller caller = signedIn.caller();
            Optional<Caller> current = caller.actor().type() == Actor.Type.STAFF
                    ? staff.current(caller.practice(), UUID.fromString(caller.actor().id()))
                    : Optional.of(caller);
            boolean tooOld = signedIn.signedInAt().plus(WebSessions.lifetime(caller.actor()))
                    .isBefore(clock.instant());
            if (tooOld || current.isEmpty()) {
                sessions.end(request, caller, tooOld ? "lifetime" : "deactivated");
            } else if (!current.get().equals(caller)) {
                sessions.replace(request, response, signedIn.withCaller(current.get()), pages);
            }
        }
        chain.doFilter(request, response);
    }
}
