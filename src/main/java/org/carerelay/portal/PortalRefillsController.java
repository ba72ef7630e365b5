package org.carerelay.portal;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.identity.SignedIn;
import org.carerelay.inbox.PortalMessages;
import org.carerelay.practice.Medication;
import org.carerelay.practice.Medications;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.ProviderId;
import org.carerelay.practice.Providers;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Refill requests: the patient picks one of their current medications and adds a note; the request reaches the
 * practice's inbox as their secure message (triaged REFILL, so the clinical queue), naming the prescriber.
 */
@Controller
class PortalRefillsController {

    /** The longest note; the rest of a long story belongs in a secure message. */
    static final int NOTE_LENGTH = 1_000;

    private final PortalPages pages;
    private final Medications medications;
    private final Providers providers;
    private final PortalMessages messages;

    PortalRefillsController(PortalPages pages, Medications medications, Providers providers,
            PortalMessages messages) {
        this.pages = pages;
        this.medications = medications;
        this.providers = providers;
        this.messages = messages;
    }

    @GetMapping("/portal/refills")
    String refills(Model model, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Callers.current();
        PatientId patient = pages.open(model, request, response);
        model.addAttribute("medications", medications.viewOwn(caller, patient));
        model.addAttribute("key", UUID.randomUUID());
        model.addAttribute("noteLength", NOTE_LENGTH);
        return "portal/refills";
    }

    @PostMapping("/portal/refills")
    String request(@RequestParam UUID medication, @RequestParam(required = false) String note,
            @RequestParam String key, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        PatientId patient = new PatientId(SignedIn.currentPortalPatient());
        if (note != null && note.length() > NOTE_LENGTH) {
            throw new InvalidFieldException("note", "must be at most " + NOTE_LENGTH + " characters");
        }
        Medication chosen = medications.current(caller.practice(), patient).stream()
                .filter(m -> m.id().equals(medication)).findFirst()
                .orElseThrow(() -> new NotFoundException("Medication"));
        String prescriber = chosen.prescriberId() == null ? null
                : providers.get(caller.practice(), new ProviderId(chosen.prescriberId())).displayName();
        PortalMessages.Sent sent = messages.requestRefill(caller.practice(), patient, chosen.label(),
                chosen.prescriberId(), prescriber, note, key);
        redirect.addFlashAttribute("outcome", "REQUESTED");
        SafetyFlash.add(redirect, sent.guidance());
        return "redirect:/portal/refills";
    }
}
