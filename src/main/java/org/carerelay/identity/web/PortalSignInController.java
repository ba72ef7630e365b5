package org.carerelay.identity.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.carerelay.identity.PatientSignIn;
import org.carerelay.identity.PatientSignIn.Proven;
import org.carerelay.identity.PatientSignIn.Requested;
import org.carerelay.identity.RateLimitedException;
import org.carerelay.identity.WebSessions;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.carerelay.shared.InvalidFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Patient sign-in pages. Opening an e-mailed link shows a confirmation page and uses nothing up: only its POST
 * does, so a mail scanner that fetches links can neither burn nor use one. The sign-in page names only the
 * practice its address names ({@code ?practice=<slug>}), or the only one on the server; with several and none
 * named it asks for the practice's sign-in address, unless the operator lets it list them
 * ({@link PortalSignInSettings#listPractices()}).
 */
@Controller
class PortalSignInController {

    private static final String PRACTICE = "carerelay.portal-practice";
    private static final String CODE_TOKEN = "carerelay.portal-code-token";
    private static final String PROVEN = "carerelay.portal-proven";

    private final PatientSignIn signIn;
    private final WebSessions sessions;
    private final Practices practices;
    private final PortalSignInSettings settings;

    PortalSignInController(PatientSignIn signIn, WebSessions sessions, Practices practices,
            PortalSignInSettings settings) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.practices = practices;
        this.settings = settings;
    }

    @GetMapping("/portal/sign-in")
    String page(@RequestParam(required = false) String practice, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Optional<Practice> chosen = practice(practice, request);
        chosen.ifPresent(found -> request.getSession(true).setAttribute(PRACTICE, found.slug()));
        model.addAttribute("practice", chosen.orElse(null));
        model.addAttribute("practices", chosen.isPresent() || !settings.listPractices() ? List.of() : practices.all());
        if (chosen.isEmpty() && practice != null && !practice.isBlank()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("unknownAddress", true);
        }
        return "identity/portal-sign-in";
    }

    @PostMapping("/portal/sign-in")
    String request(@RequestParam(required = false) String practice, @RequestParam(defaultValue = "") String contact,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Practice> chosen = practice(practice, request);
        if (chosen.isEmpty()) {
            return "redirect:/portal/sign-in";
        }
        model.addAttribute("practice", chosen.get());
        model.addAttribute("contact", contact);
        Requested requested;
        try {
            requested = signIn.request(chosen.get(), contact, request.getRemoteAddr());
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "Enter an email address or a mobile phone number.");
            return "identity/portal-sign-in";
        } catch (RateLimitedException e) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            model.addAttribute("error", "Too many sign-in requests. Please try again in a few minutes.");
            return "identity/portal-sign-in";
        }
        if (requested.system() == ContactSystem.PHONE) {
            request.getSession(true).setAttribute(CODE_TOKEN, requested.codeToken());
            return "redirect:/portal/sign-in/code";
        }
        return "identity/portal-link-sent";
    }

    @GetMapping("/portal/sign-in/link")
    String confirm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        return "identity/portal-confirm";
    }

    @PostMapping("/portal/sign-in/link")
    String useLink(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
            HttpServletResponse response) {
        return signedIn(signIn.useLink(token), request, response);
    }

    @GetMapping("/portal/sign-in/code")
    String codePage(HttpSession session) {
        return session.getAttribute(CODE_TOKEN) == null ? "redirect:/portal/sign-in" : "identity/portal-code";
    }

    @PostMapping("/portal/sign-in/code")
    String useCode(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        String token = (String) request.getSession().getAttribute(CODE_TOKEN);
        if (token == null) {
            return "redirect:/portal/sign-in";
        }
        Optional<Proven> proven = signIn.useCode(token, code);
        if (proven.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            model.addAttribute("error", "That code is not right, or it has expired.");
            return "identity/portal-code";
        }
        request.getSession().removeAttribute(CODE_TOKEN);
        return signedIn(proven, request, response);
    }

    /** One patient: signed in. Several (a family phone): they choose. None, or a used link: a new link. */
    private String signedIn(Optional<Proven> proven, HttpServletRequest request, HttpServletResponse response) {
        if (proven.isEmpty() || proven.get().patients().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_GONE);
            return "identity/portal-link-invalid";
        }
        if (proven.get().patients().size() > 1) {
            request.getSession(true).setAttribute(PROVEN, proven.get());
            return "redirect:/portal/sign-in/choose";
        }
        return as(proven.get(), proven.get().patients().get(0), request, response);
    }

    @GetMapping("/portal/sign-in/choose")
    String chooser(HttpSession session, Model model) {
        if (!(session.getAttribute(PROVEN) instanceof Proven proven)) {
            return "redirect:/portal/sign-in";
        }
        model.addAttribute("patients", signIn.choices(proven));
        return "identity/portal-choose";
    }

    @PostMapping("/portal/sign-in/choose")
    String choose(@RequestParam UUID patient, HttpServletRequest request, HttpServletResponse response) {
        if (!(request.getSession().getAttribute(PROVEN) instanceof Proven proven)) {
            return "redirect:/portal/sign-in";
        }
        request.getSession().removeAttribute(PROVEN);
        return as(proven, patient, request, response);
    }

    private String as(Proven proven, UUID patient, HttpServletRequest request, HttpServletResponse response) {
        var caller = signIn.signIn(proven, patient);
        if (caller.isEmpty()) {
            return "redirect:/portal/sign-in";
        }
        sessions.signIn(request, response, caller.get());
        return "redirect:/portal";
    }

    /** The practice named in the link, else the one this browser last used, else the only one there is. */
    private Optional<Practice> practice(String slug, HttpServletRequest request) {
        if (slug != null && !slug.isBlank()) {
            return practices.bySlug(slug);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(PRACTICE) instanceof String remembered) {
            return practices.bySlug(remembered);
        }
        return practices.count() == 1 ? practices.first() : Optional.empty();
    }
}
