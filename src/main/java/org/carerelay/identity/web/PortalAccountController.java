package org.carerelay.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import org.carerelay.identity.WebSessions;
import org.carerelay.shared.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/** A signed-in patient's session: signing out (here or everywhere) and staying signed in. */
@Controller
class PortalAccountController {

    private final WebSessions sessions;

    PortalAccountController(WebSessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/portal/sign-out")
    String signOut(HttpServletRequest request) {
        sessions.signOut(request, Callers.current());
        return "redirect:/portal/sign-in?signedOut";
    }

    @PostMapping("/portal/sign-out-everywhere")
    String signOutEverywhere(HttpServletRequest request) {
        sessions.signOutEverywhere(request, Callers.current());
        return "redirect:/portal/sign-in?signedOut";
    }

    @PostMapping("/portal/session/keepalive")
    ResponseEntity<Void> keepAlive() {
        return ResponseEntity.noContent().build();
    }
}
