package org.carerelay.identity.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.carerelay.identity.StaffCredentials;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A signed-in staff member's own account: two-step verification and the practice's rule about it. */
@Controller
class ConsoleAccountController {

    private static final String ENROLLING = ConsoleSignInController.ENROLLING;

    private final StaffCredentials credentials;
    private final TotpEnrollmentPage enrollmentPage;

    ConsoleAccountController(StaffCredentials credentials, TotpEnrollmentPage enrollmentPage) {
        this.credentials = credentials;
        this.enrollmentPage = enrollmentPage;
    }

    @GetMapping("/console/security")
    String security(Model model) {
        Caller caller = Callers.current();
        model.addAttribute("totpEnabled", credentials.totpEnabled(caller));
        model.addAttribute("totpRequired", credentials.totpRequired(caller.practice()));
        model.addAttribute("canSetPolicy", caller.can(Permissions.STAFF_MANAGE));
        return "identity/console-security";
    }

    @PostMapping("/console/security/totp/start")
    String startEnrollment(HttpSession session, Model model) {
        String secret = credentials.newTotpSecret();
        session.setAttribute(ENROLLING, secret);
        return enrollment(model, secret, null);
    }

    @PostMapping("/console/security/totp")
    String enroll(@RequestParam(defaultValue = "") String code, HttpSession session, HttpServletResponse response,
            Model model, RedirectAttributes redirect) {
        String secret = (String) session.getAttribute(ENROLLING);
        if (secret == null) {
            return "redirect:/console/security";
        }
        try {
            List<String> codes = credentials.enableTotp(Callers.current(), secret, code);
            session.removeAttribute(ENROLLING);
            redirect.addFlashAttribute("codes", codes);
            return "redirect:/console/security/recovery-codes";
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return enrollment(model, secret, "That code is not right. Enter the code the app shows now.");
        }
    }

    /** Shown once, right after enrollment (the codes arrive as a flash attribute and are not kept). */
    @GetMapping("/console/security/recovery-codes")
    String recoveryCodes(Model model) {
        return model.containsAttribute("codes") ? "identity/console-recovery-codes" : "redirect:/console/security";
    }

    @PostMapping("/console/security/policy")
    @RequiresPermission(Permissions.STAFF_MANAGE)
    String policy(@RequestParam(defaultValue = "false") boolean requireTotp) {
        credentials.requireTotp(Callers.current(), requireTotp);
        return "redirect:/console/security";
    }

    private String enrollment(Model model, String secret, String error) {
        Caller caller = Callers.current();
        return enrollmentPage.show(model, caller.practice(), UUID.fromString(caller.actor().id()), secret,
                false, error);
    }
}
