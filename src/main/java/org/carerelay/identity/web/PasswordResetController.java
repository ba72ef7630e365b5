package org.carerelay.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.identity.PasswordResets;
import org.carerelay.identity.RateLimitedException;
import org.carerelay.shared.InvalidFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff password reset by e-mailed link. Opening the link only shows the form; the POST that sets the password
 * uses the link up.
 */
@Controller
class PasswordResetController {

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping("/console/password-reset")
    String page(Model model) {
        model.addAttribute("sent", false);
        return "identity/password-reset";
    }

    @PostMapping("/console/password-reset")
    String request(@RequestParam(defaultValue = "") String email, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        try {
            resets.request(email, request.getRemoteAddr());
            model.addAttribute("sent", true);
        } catch (RateLimitedException e) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            model.addAttribute("sent", false);
            model.addAttribute("error", "Too many requests. Please try again in a few minutes.");
        }
        return "identity/password-reset";
    }

    @GetMapping("/console/password-reset/link")
    String form(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("usable", resets.usable(token));
        return "identity/password-reset-form";
    }

    @PostMapping("/console/password-reset/link")
    String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String repeat, HttpServletResponse response, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("usable", true);
        if (!password.equals(repeat)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "The two passwords are not the same.");
            return "identity/password-reset-form";
        }
        try {
            if (resets.reset(token, password)) {
                return "redirect:/console/sign-in?passwordSet";
            }
            response.setStatus(HttpServletResponse.SC_GONE);
            model.addAttribute("usable", false);
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "The password " + e.reason() + ".");
        }
        return "identity/password-reset-form";
    }
}
