package org.carerelay.messaging.web;

import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.messaging.Unsubscribes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The unsubscribe link of marketing e-mail. Opening it asks for a click (a mail scanner fetching links must not
 * unsubscribe anyone); the POST unsubscribes, whether from that page or from a mail app's one-click button
 * (RFC 8058: {@code List-Unsubscribe=One-Click}, no cookies, no CSRF token: the link's secret is the proof).
 */
@Controller
class UnsubscribeController {

    private final Unsubscribes unsubscribes;

    UnsubscribeController(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    @GetMapping("/unsubscribe/{token}")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        var practice = unsubscribes.practiceOf(token);
        if (practice.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        model.addAttribute("practice", practice.orElse(null));
        model.addAttribute("token", token);
        model.addAttribute("done", false);
        return "messaging/unsubscribe";
    }

    @PostMapping("/unsubscribe/{token}")
    String unsubscribe(@PathVariable String token, Model model, HttpServletResponse response) {
        var practice = unsubscribes.practiceOf(token);
        if (practice.isEmpty() || !unsubscribes.unsubscribe(token)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        model.addAttribute("practice", practice.orElse(null));
        model.addAttribute("token", token);
        model.addAttribute("done", practice.isPresent());
        return "messaging/unsubscribe";
    }
}
