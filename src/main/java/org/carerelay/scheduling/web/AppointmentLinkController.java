package org.carerelay.scheduling.web;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.scheduling.LinkActions;
import org.carerelay.scheduling.PatientChanges;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The one-tap links of appointment messages. Opening one shows the visit and one button (mail scanners open every
 * link in a message, so a GET never confirms or cancels anything); pressing it acts. No sign-in and no CSRF token:
 * the link's secret is the proof, as with unsubscribe links. The page speaks the patient's language.
 */
@Controller
class AppointmentLinkController {

    private final LinkActions actions;
    private final LocaleResolver locales;
    private final Clock clock;

    AppointmentLinkController(LinkActions actions, LocaleResolver locales, Clock clock) {
        this.actions = actions;
        this.locales = locales;
        this.clock = clock;
    }

    @GetMapping("/r/{token}")
    String open(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<String> join = joinRedirect(token);
        if (join.isPresent()) {
            return join.get();
        }
        Optional<LinkActions.LinkView> view = actions.open(token);
        return page(token, view, null, model, request, response);
    }

    @PostMapping("/r/{token}")
    String act(@PathVariable String token, @RequestParam(required = false) String start,
            @RequestParam(required = false) String provider, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<String> join = joinRedirect(token);
        if (join.isPresent()) {
            return join.get();
        }
        Optional<LinkActions.Acted> acted = actions.act(token, instant(start), uuid(provider));
        if (acted.isEmpty()) {
            return page(token, actions.open(token), null, model, request, response); // unknown or expired: say so
        }
        return page(token, Optional.of(acted.get().view()), acted.get().outcome(), model, request, response);
    }

    private String page(String token, Optional<LinkActions.LinkView> view, PatientChanges.Outcome outcome, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (view.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        } else {
            if (view.get().expired()) {
                response.setStatus(HttpServletResponse.SC_GONE);
            }
            locales.setLocale(request, response, Locale.forLanguageTag(view.get().language()));
        }
        model.addAttribute("token", token);
        model.addAttribute("view", view.orElse(null));
        model.addAttribute("outcome", outcome);
        model.addAttribute("now", clock.instant());
        return "scheduling/appointment-link";
    }

    /** A video visit's join link leads into the portal's visit page, which asks the patient to sign in. */
    private Optional<String> joinRedirect(String token) {
        return actions.joinTarget(token).map(appointment -> "redirect:/portal/visits/" + appointment.value()
                + "/video");
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // not a time we offered: answered as a slot no longer open
        }
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
