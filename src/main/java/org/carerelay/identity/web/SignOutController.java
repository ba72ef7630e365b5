package org.carerelay.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import org.carerelay.identity.WebSessions;
import org.carerelay.shared.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The end of a signed-in session, the same on the console and on the portal: sign out here, sign out on every
 * device, and "stay signed in" (the request itself restarts the idle timeout).
 */
@Controller
class SignOutController {

    private final WebSessions sessions;

    SignOutController(WebSessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping({"/console/sign-out", "/portal/sign-out"})
    String signOut(HttpServletRequest request) {
        sessions.signOut(request, Callers.current());
        return "redirect:" + signInPage(request) + "?signedOut";
    }

    @PostMapping({"/console/sign-out-everywhere", "/portal/sign-out-everywhere"})
    String signOutEverywhere(HttpServletRequest request) {
        sessions.signOutEverywhere(request, Callers.current());
        return "redirect:" + signInPage(request) + "?signedOut";
    }

    @PostMapping({"/console/session/keepalive", "/portal/session/keepalive"})
    ResponseEntity<Void> keepAlive() {
        return ResponseEntity.noContent().build();
    }

    private static String signInPage(HttpServletRequest request) {
        return request.getServletPath().startsWith("/portal") ? "/portal/sign-in" : "/console/sign-in";
    }
}
