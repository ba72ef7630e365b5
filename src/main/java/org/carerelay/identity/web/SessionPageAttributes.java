package org.carerelay.identity.web;

import org.carerelay.identity.WebSessions;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's idle-timeout warning needs to know (see the layout's session fragment). */
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
}
