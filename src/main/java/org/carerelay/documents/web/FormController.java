package org.carerelay.documents.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.documents.FormDefinition;
import org.carerelay.documents.FormResponse;
import org.carerelay.documents.Forms;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The forms patients fill in the portal, and a patient's answers for staff (clinical content). */
@RestController
class FormController {

    private final Forms forms;

    FormController(Forms forms) {
        this.forms = forms;
    }

    @GetMapping("/api/v1/forms")
    @RequiresPermission(Permissions.PATIENTS_READ)
    Map<String, List<FormDefinition>> definitions() {
        return Map.of("items", forms.definitions());
    }

    @GetMapping("/api/v1/patients/{patientId}/forms")
    @RequiresPermission(Permissions.CLINICAL_VIEW)
    Map<String, List<FormResponse>> responses(@PathVariable UUID patientId) {
        return Map.of("items", forms.responses(Callers.current(), new PatientId(patientId)));
    }
}
