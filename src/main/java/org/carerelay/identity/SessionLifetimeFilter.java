package org.carerelay.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a signed-in session on every page request: past its absolute lifetime (12 h staff, 24 h patients),
 * idle for 15 minutes, or belonging to a staff member since deactivated, it ends; a staff member whose role
 * changed gets the new role's permissions at once, not at the next sign-in.
 *
 * <p>Idle means no request from the person: a page's live updates (its event stream, and the fetches an event
 * causes, marked {@value #LIVE_HEADER}) keep the session's storage alive but are not activity, or an inbox left
 * open on a screen would never sign anyone out.
 */
class SessionLifetimeFilter extends OncePerRequestFilter {

    static final String LIVE_HEADER = "X-CareRelay-Live";
    static final String LAST_ACTIVITY = "CARERELAY_LAST_ACTIVITY";

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

    /** Whether the person's last own request is older than the idle timeout. */
    private static boolean idleSince(HttpServletRequest request, Instant now) {
        HttpSession session = request.getSession(false);
        Object last = session == null ? null : session.getAttribute(LAST_ACTIVITY);
        return last instanceof Instant at && at.plusSeconds(WebSessions.IDLE_TIMEOUT_SECONDS).isBefore(now);
    }

    /** A page's live update rather than the person: its event stream, or a fetch marked as live. */
    private static boolean live(HttpServletRequest request) {
        return request.getRequestURI().endsWith("/events") || request.getHeader(LIVE_HEADER) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof SignedIn signedIn) {
            Caller caller = signedIn.caller();
            Optional<Caller> current = caller.actor().type() == Actor.Type.STAFF
                    ? staff.current(caller.practice(), UUID.fromString(caller.actor().id()))
                    : Optional.of(caller);
            Instant now = clock.instant();
            boolean tooOld = signedIn.signedInAt().plus(WebSessions.lifetime(caller.actor())).isBefore(now);
            boolean idle = idleSince(request, now);
            if (tooOld || idle || current.isEmpty()) {
                sessions.end(request, caller, tooOld ? "lifetime" : idle ? "idle" : "deactivated");
            } else {
                if (!live(request)) {
                    request.getSession().setAttribute(LAST_ACTIVITY, now);
                }
                if (!current.get().equals(caller)) {
                    sessions.replace(request, response, signedIn.withCaller(current.get()), pages);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
