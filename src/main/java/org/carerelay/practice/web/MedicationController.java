package org.carerelay.practice.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import org.carerelay.practice.Medication;
import org.carerelay.practice.MedicationDetails;
import org.carerelay.practice.Medications;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A patient's current medications: clinical information, for clinical staff only. */
@RestController
@RequestMapping("/api/v1/patients/{patientId}/medications")
class MedicationController {

    private final Medications medications;

    MedicationController(Medications medications) {
        this.medications = medications;
    }

    @GetMapping
    @RequiresPermission(Permissions.CLINICAL_VIEW)
    Map<String, List<Medication>> list(@PathVariable UUID patientId) {
        return Map.of("items", medications.view(Callers.current(), new PatientId(patientId)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permissions.CLINICAL_VIEW)
    Medication add(@PathVariable UUID patientId, @Valid @RequestBody MedicationDetails details) {
        return medications.add(Callers.current(), new PatientId(patientId), details);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permissions.CLINICAL_VIEW)
    void stop(@PathVariable UUID patientId, @PathVariable UUID id) {
        medications.stop(Callers.current(), new PatientId(patientId), id);
    }
}
