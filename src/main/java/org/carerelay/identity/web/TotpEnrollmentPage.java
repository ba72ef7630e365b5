package org.carerelay.identity.web;

import java.util.UUID;

import org.carerelay.identity.StaffCredentials;
import org.carerelay.practice.Practices;
import org.carerelay.practice.StaffUserId;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The page that enrolls an authenticator app: at sign-in (when required) and from the security page. */
@Component
class TotpEnrollmentPage {

    private final StaffCredentials credentials;
    private final StaffUsers staff;
    private final Practices practices;

    TotpEnrollmentPage(StaffCredentials credentials, StaffUsers staff, Practices practices) {
        this.credentials = credentials;
        this.staff = staff;
        this.practices = practices;
    }

    /** {@code atSignIn}: the practice requires it and the staff member is not signed in yet. */
    String show(Model model, PracticeId practice, UUID staffId, String secret, boolean atSignIn, String error) {
        String email = staff.get(practice, new StaffUserId(staffId)).email();
        model.addAttribute("qrCode", credentials.totpQrCode(secret, practices.get(practice).brandName(), email));
        model.addAttribute("secret", secret);
        model.addAttribute("required", atSignIn);
        model.addAttribute("signedIn", !atSignIn);
        model.addAttribute("action", atSignIn ? "/console/sign-in/enroll" : "/console/security/totp");
        model.addAttribute("error", error);
        return "identity/console-enroll";
    }
}
