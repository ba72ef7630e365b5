package org.carerelay.identity.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.identity.SignedIn;
import org.carerelay.identity.WebSessions;
import org.carerelay.practice.Patient;
import org.carerelay.practice.Patients;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "View the portal as this patient": a staff member with {@code portal:impersonate} sees a patient's portal as
 * the patient does, to help them on the phone, and changes nothing there. The patient is named by MRN in the
 * form's body, so no PHI sits in a URL.
 */
@Controller
class PortalViewController {

    private final Patients patients;
    private final WebSessions sessions;

    PortalViewController(Patients patients, WebSessions sessions) {
        this.patients = patients;
        this.sessions = sessions;
    }

    @PostMapping("/console/portal-view")
    @RequiresPermission(Permissions.PORTAL_IMPERSONATE)
    String start(@RequestParam(defaultValue = "") String mrn, HttpServletRequest request,
            HttpServletResponse response) {
        Caller caller = Callers.current();
        var match = mrn.isBlank() ? Optional.<Patient>empty()
                : patients.list(caller, mrn.trim(), new PageRequest(0, 20)).items().stream()
                        .filter(patient -> patient.mrn().equals(mrn.trim())).findFirst();
        if (match.isEmpty()) {
            return "redirect:/console?noSuchPatient";
        }
        sessions.viewPortalAs(request, response, caller, match.get().id().value());
        return "redirect:/portal";
    }

    @PostMapping("/portal/view-as/end")
    String end(HttpServletRequest request) {
        if (!SignedIn.currentlyViewingAsPatient()) {
            return "redirect:/portal";
        }
        UUID patient = SignedIn.currentPortalPatient();
        sessions.endPortalView(request, Callers.current(), patient);
        return "redirect:/console";
    }
}
