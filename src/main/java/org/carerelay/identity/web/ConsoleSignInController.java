package org.carerelay.identity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.carerelay.identity.StaffCredentials;
import org.carerelay.identity.StaffSignIn;
import org.carerelay.identity.StaffSignIn.Outcome;
import org.carerelay.identity.StaffSignIn.Pending;
import org.carerelay.identity.WebSessions;
import org.carerelay.practice.Practices;
import org.carerelay.shared.InvalidFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff sign-in pages: e-mail and password, then the second factor, or its enrollment when the practice requires
 * one and the staff member has none yet.
 */
@Controller
class ConsoleSignInController {

    /** The secret being enrolled at sign-in, until a code from the app confirms it. */
    static final String ENROLLING = "carerelay.totp-enrolling";
    /** The practices to choose from when one address and password open several accounts. */
    static final String CHOICES = "carerelay.staff-sign-in-choices";

    private final StaffSignIn signIn;
    private final StaffCredentials credentials;
    private final WebSessions sessions;
    private final TotpEnrollmentPage enrollmentPage;
    private final Practices practices;

    ConsoleSignInController(StaffSignIn signIn, StaffCredentials credentials, WebSessions sessions,
            TotpEnrollmentPage enrollmentPage, Practices practices) {
        this.signIn = signIn;
        this.credentials = credentials;
        this.sessions = sessions;
        this.enrollmentPage = enrollmentPage;
        this.practices = practices;
    }

    @GetMapping("/console/sign-in")
    String page() {
        return "identity/console-sign-in";
    }

    @PostMapping("/console/sign-in")
    String password(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Outcome outcome = signIn.password(email, password);
        model.addAttribute("email", email);
        switch (outcome.status()) {
            case THROTTLED -> {
                return tooMany(response, model, outcome, "identity/console-sign-in");
            }
            case WRONG -> {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                model.addAttribute("error", "That email and password do not match an account.");
                return "identity/console-sign-in";
            }
            case CHOOSE -> {
                request.getSession(true).setAttribute(CHOICES, new ArrayList<>(outcome.choices()));
                return "redirect:/console/sign-in/practice";
            }
            default -> {
                return next(outcome.pending(), request, response);
            }
        }
    }

    /** The same address and password open accounts in several practices: which one now? */
    @GetMapping("/console/sign-in/practice")
    String practicePage(HttpSession session, Model model) {
        List<Pending> choices = choices(session);
        if (choices.isEmpty()) {
            return "redirect:/console/sign-in";
        }
        model.addAttribute("practices", choices.stream().map(choice -> practices.get(choice.practice())).toList());
        return "identity/console-choose-practice";
    }

    @PostMapping("/console/sign-in/practice")
    String choosePractice(@RequestParam UUID practice, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession();
        var chosen = choices(session).stream().filter(choice -> choice.practice().value().equals(practice))
                .findFirst();
        session.removeAttribute(CHOICES);
        return chosen.map(pending -> next(pending, request, response)).orElse("redirect:/console/sign-in");
    }

    @SuppressWarnings("unchecked")
    private List<Pending> choices(HttpSession session) {
        Object choices = session == null ? null : session.getAttribute(CHOICES);
        if (!(choices instanceof List<?> list) || list.isEmpty() || signIn.expired((Pending) list.get(0))) {
            return List.of();
        }
        return (List<Pending>) list;
    }

    /** After the password: the second factor, its enrollment, or straight in. */
    private String next(Pending pending, HttpServletRequest request, HttpServletResponse response) {
        if (pending.needsSecondFactor() || pending.mustEnroll()) {
            request.getSession(true).setAttribute(StaffSignIn.PENDING, pending);
            return pending.mustEnroll() ? "redirect:/console/sign-in/enroll"
                    : "redirect:/console/sign-in/second-factor";
        }
        return complete(pending, request, response);
    }

    private String complete(Pending pending, HttpServletRequest request, HttpServletResponse response) {
        var caller = signIn.complete(pending);
        if (caller.isEmpty()) {
            return "redirect:/console/sign-in";
        }
        sessions.signIn(request, response, caller.get());
        return "redirect:/console";
    }

    @GetMapping("/console/sign-in/second-factor")
    String secondFactorPage(HttpSession session) {
        return pending(session) == null ? "redirect:/console/sign-in" : "identity/console-second-factor";
    }

    @PostMapping("/console/sign-in/second-factor")
    String secondFactor(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Pending pending = pending(request.getSession());
        if (pending == null) {
            return "redirect:/console/sign-in";
        }
        Outcome outcome = signIn.secondFactor(pending, code);
        switch (outcome.status()) {
            case THROTTLED -> {
                return tooMany(response, model, outcome, "identity/console-second-factor");
            }
            case WRONG -> {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                model.addAttribute("error", "That code is not right. Codes change every 30 seconds.");
                return "identity/console-second-factor";
            }
            default -> {
                return complete(pending, request, response);
            }
        }
    }

    @GetMapping("/console/sign-in/enroll")
    String enrollPage(HttpSession session, Model model) {
        Pending pending = pending(session);
        if (pending == null) {
            return "redirect:/console/sign-in";
        }
        String secret = (String) session.getAttribute(ENROLLING);
        if (secret == null) {
            secret = credentials.newTotpSecret();
            session.setAttribute(ENROLLING, secret);
        }
        return enrollment(model, pending, secret, null);
    }

    @PostMapping("/console/sign-in/enroll")
    String enroll(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        HttpSession session = request.getSession();
        Pending pending = pending(session);
        String secret = (String) session.getAttribute(ENROLLING);
        if (pending == null || secret == null) {
            return "redirect:/console/sign-in";
        }
        var caller = signIn.current(pending.practice(), pending.staff());
        if (caller.isEmpty()) {
            return "redirect:/console/sign-in";
        }
        List<String> codes;
        try {
            codes = credentials.enableTotp(caller.get(), secret, code);
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return enrollment(model, pending, secret, "That code is not right. Enter the code the app shows now.");
        }
        session.removeAttribute(ENROLLING);
        String next = complete(pending, request, response);
        redirect.addFlashAttribute("codes", codes);
        return next.equals("redirect:/console") ? "redirect:/console/security/recovery-codes" : next;
    }

    private String enrollment(Model model, Pending pending, String secret, String error) {
        return enrollmentPage.show(model, pending.practice(), pending.staff(), secret, true, error);
    }

    private Pending pending(HttpSession session) {
        Object pending = session == null ? null : session.getAttribute(StaffSignIn.PENDING);
        if (pending instanceof Pending waiting && !signIn.expired(waiting)) {
            return waiting;
        }
        return null;
    }

    static String tooMany(HttpServletResponse response, Model model, Outcome outcome, String view) {
        long seconds = Math.max(1, (outcome.retryAfter().toMillis() + 999) / 1000);
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        model.addAttribute("error", seconds >= 60
                ? "Too many attempts. For your security, sign-in is paused for " + ((seconds + 59) / 60) + " minutes."
                : "Too many attempts. Please wait " + seconds + " seconds and try again.");
        return view;
    }
}
