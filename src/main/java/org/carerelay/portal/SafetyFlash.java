package org.carerelay.portal;

import org.carerelay.inbox.SafetyGuidance;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Carries what to do now to the page shown after a message that reads as urgent or a crisis was sent (fragment
 * {@code portal/guidance}), so that the patient sees it at once; the inbox pages on call meanwhile.
 */
final class SafetyFlash {

    private SafetyFlash() {
    }

    /** Nothing for a routine message ({@code guidance} null). */
    static void add(RedirectAttributes redirect, SafetyGuidance guidance) {
        if (guidance == null) {
            return;
        }
        // Plain strings: flash attributes wait in the session store until the next page.
        redirect.addFlashAttribute("guidance", guidance.crisis() ? "CRISIS" : "URGENT");
        redirect.addFlashAttribute("onCallPhone", guidance.onCallPhone());
        redirect.addFlashAttribute("onCallPhoneTel", guidance.onCallPhoneTel());
    }
}
