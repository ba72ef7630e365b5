package org.carerelay.portal;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.identity.SignedIn;
import org.carerelay.inbox.PortalMessages;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.InvalidFieldException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Secure messages with the care team: the patient's thread, and a form whose message goes to the practice's
 * inbox (triaged, routed, on a reply clock like a text). A message that reads as urgent or a crisis is answered on
 * the page at once with what to do now (911, the on-call number, 988 for a crisis). Staff replies appear here; the
 * patient is told by e-mail or text that one arrived, never what it says.
 */
@Controller
class PortalSecureMessagesController {

    private final PortalMessages messages;
    private final PortalPages pages;

    PortalSecureMessagesController(PortalMessages messages, PortalPages pages) {
        this.messages = messages;
        this.pages = pages;
    }

    @GetMapping("/portal/secure-messages")
    String thread(Model model, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Callers.current();
        PatientId patient = pages.open(model, request, response);
        model.addAttribute("thread", messages.thread(caller, patient));
        // One key per form shown: sending it twice (a double click, a reload) files one message.
        model.addAttribute("key", UUID.randomUUID());
        model.addAttribute("maxLength", PortalMessages.MAX_LENGTH);
        return "portal/secure-messages";
    }

    @PostMapping("/portal/secure-messages")
    String send(@RequestParam String text, @RequestParam String key, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        try {
            PortalMessages.Sent sent = messages.send(caller.practice(),
                    new PatientId(SignedIn.currentPortalPatient()), text, key);
            redirect.addFlashAttribute("outcome", "SENT");
            SafetyFlash.add(redirect, sent.guidance());
        } catch (InvalidFieldException e) {
            redirect.addFlashAttribute("outcome", "EMPTY");
        }
        return "redirect:/portal/secure-messages";
    }
}
