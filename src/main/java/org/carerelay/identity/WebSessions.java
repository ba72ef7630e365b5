package org.carerelay.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting and ending a signed-in web session. Sign-in starts a new session (a new id and CSRF token: no
 * fixation); sign-out deletes the session; "sign out everywhere" deletes every session of the person.
 */
@Component
public class WebSessions {

    public static final int IDLE_TIMEOUT_SECONDS = 15 * 60;
    /** The page warns this long before the idle timeout and offers to stay signed in. */
    public static final int WARNING_SECONDS = 2 * 60;
    static final Duration STAFF_LIFETIME = Duration.ofHours(12);
    static final Duration PATIENT_LIFETIME = Duration.ofHours(24);

    private static final String PATIENT_CONTEXT = "CARERELAY_PATIENT";

    private final Map<Actor.Type, HttpSessionSecurityContextRepository> contexts = Map.of(
            Actor.Type.STAFF, contextRepository("CARERELAY_STAFF"),
            Actor.Type.PATIENT, contextRepository(PATIENT_CONTEXT));
    private final CsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final AuditLog auditLog;
    private final Clock clock;

    WebSessions(FindByIndexNameSessionRepository<? extends Session> sessions, AuditLog auditLog, Clock clock) {
        this.sessions = sessions;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Where the console ({@code STAFF}) or the portal ({@code PATIENT}) keeps its signed-in person: each its own
     * attribute, so that a staff member's session is nobody on the portal's pages, and the reverse.
     */
    SecurityContextRepository securityContextRepository(Actor.Type type) {
        return contexts.get(type);
    }

    private static HttpSessionSecurityContextRepository contextRepository(String key) {
        HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
        repository.setSpringSecurityContextKey(key);
        return repository;
    }

    CsrfTokenRepository csrfTokenRepository() {
        return csrfTokens;
    }

    /**
     * Makes {@code caller} the signed-in person of this browser in a new session: whatever the old one held (the
     * steps of this sign-in, or another person signed in on the same device) ends with it.
     */
    public void signIn(HttpServletRequest request, HttpServletResponse response, Caller caller) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
                SignedIn.principalName(caller));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        UUID portalPatient = caller.actor().type() == Actor.Type.PATIENT ? UUID.fromString(caller.actor().id()) : null;
        context.setAuthentication(new SignedIn(caller, clock.instant(), portalPatient));
        SecurityContextHolder.setContext(context);
        contexts.get(caller.actor().type()).saveContext(context, request, response);
    }

    /**
     * Lets a staff member with {@code portal:impersonate} see the portal as {@code patient} sees it, read-only,
     * in this browser session beside their console session. Audited prominently: who looked at whose portal.
     */
    @Transactional
    public void viewPortalAs(HttpServletRequest request, HttpServletResponse response, Caller staff,
            UUID patient) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new SignedIn(staff, clock.instant(), patient));
        contexts.get(Actor.Type.PATIENT).saveContext(context, request, response);
        auditLog.record(AuditEvent.of(staff, "portal.impersonation_started", AuditEvent.Target.of("patient", patient),
                Map.of("readOnly", true)));
    }

    /** Ends viewing the portal as a patient; the console session goes on. */
    @Transactional
    public void endPortalView(HttpServletRequest request, Caller staff, UUID patient) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PATIENT_CONTEXT);
        }
        SecurityContextHolder.clearContext();
        auditLog.record(AuditEvent.of(staff, "portal.impersonation_ended", AuditEvent.Target.of("patient", patient)));
    }

    /** Ends this browser's session. */
    @Transactional
    public void signOut(HttpServletRequest request, Caller caller) {
        endSession(request);
        auditLog.record(AuditEvent.of(caller, "session.signed_out", target(caller)));
    }

    /** Ends this browser's session without the person asking: audited as expired, for {@code reason}. */
    @Transactional
    public void end(HttpServletRequest request, Caller caller, String reason) {
        endSession(request);
        auditLog.record(AuditEvent.of(caller, "session.expired", target(caller), Map.of("reason", reason)));
    }

    /** Keeps the session, with the person's permissions as they are now. */
    void replace(HttpServletRequest request, HttpServletResponse response, SignedIn current, Actor.Type chain) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(current);
        SecurityContextHolder.setContext(context);
        contexts.get(chain).saveContext(context, request, response);
    }

    /** Ends every session of the caller, on every device, this one included. */
    @Transactional
    public int signOutEverywhere(HttpServletRequest request, Caller caller) {
        var all = sessions.findByPrincipalName(SignedIn.principalName(caller));
        all.keySet().forEach(sessions::deleteById);
        endSession(request);
        auditLog.record(new AuditEvent(caller.practice(), caller.actor(), "session.signed_out_everywhere",
                target(caller), Map.of("sessions", all.size())));
        return all.size();
    }

    private static void endSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    static Duration lifetime(Actor actor) {
        return actor.type() == Actor.Type.PATIENT ? PATIENT_LIFETIME : STAFF_LIFETIME;
    }

    static AuditEvent.Target target(Caller caller) {
        return target(caller.actor());
    }

    static AuditEvent.Target target(Actor actor) {
        String type = switch (actor.type()) {
            case PATIENT -> "patient";
            case API_TOKEN -> "api_token";
            case STAFF, SYSTEM -> "staff_user";
        };
        return AuditEvent.Target.of(type, actor.id());
    }
}
