package org.carerelay.portal;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.documents.Documents;
import org.carerelay.identity.SignedIn;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The patient's documents: letters, visit summaries and results their care team released. Each download goes
 * through a link made for that click, valid a few minutes, so no lasting address of a document exists.
 */
@Controller
class PortalDocumentsController {

    private final PortalPages pages;
    private final Documents documents;

    PortalDocumentsController(PortalPages pages, Documents documents) {
        this.pages = pages;
        this.documents = documents;
    }

    @GetMapping("/portal/documents")
    String list(Model model, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Callers.current();
        PatientId patient = pages.open(model, request, response);
        model.addAttribute("documents", documents.released(caller, patient));
        return "portal/documents";
    }

    @PostMapping("/portal/documents/{id}/download")
    String download(@PathVariable UUID id) {
        Caller caller = Callers.current();
        return "redirect:" + documents.link(caller, new PatientId(SignedIn.currentPortalPatient()), id);
    }
}
