package org.carerelay.identity.web;

import org.carerelay.identity.SignedIn;
import org.carerelay.identity.WebSessions;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page needs to know of its session: the idle-timeout warning's timing, and who is looking. */
@ControllerAdvice(annotations = Controller.class)
class SessionPageAttributes {

    @ModelAttribute("sessionTimeoutSeconds")
    int timeout() {
        return WebSessions.IDLE_TIMEOUT_SECONDS;
    }

    @ModelAttribute("sessionWarningSeconds")
    int warning() {
        return WebSessions.WARNING_SECONDS;
    }

    /** A staff member viewing the portal as a patient: the portal shows a banner and offers no changes. */
    @ModelAttribute("viewingAsPatient")
    boolean viewingAsPatient() {
        return SignedIn.currentlyViewingAsPatient();
    }
}
