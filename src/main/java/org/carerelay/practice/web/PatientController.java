package org.carerelay.practice.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.carerelay.practice.ConsentChange;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactPoint;
import org.carerelay.practice.ContactPointId;
import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientDetails;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patients and their contact points. Searching by name or MRN is a POST so that the search terms (PHI) stay
 * out of URLs and access logs.
 */
@RestController
@RequestMapping("/api/v1/patients")
class PatientController {

    private final Patients patients;
    private final ContactPoints contactPoints;

    PatientController(Patients patients, ContactPoints contactPoints) {
        this.patients = patients;
        this.contactPoints = contactPoints;
    }

    @PostMapping
    @RequiresPermission(Permissions.PATIENTS_WRITE)
    ResponseEntity<Patient> register(@Valid @RequestBody PatientDetails details) {
        Patient patient = patients.register(Callers.current(), details);
        return ResponseEntity.created(URI.create("/api/v1/patients/" + patient.id())).body(patient);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permissions.PATIENTS_READ)
    Patient get(@PathVariable UUID id) {
        return patients.view(Callers.current(), new PatientId(id));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permissions.PATIENTS_WRITE)
    Patient update(@PathVariable UUID id, @Valid @RequestBody PatientDetails details) {
        return patients.update(Callers.current(), new PatientId(id), details);
    }

    @GetMapping
    @RequiresPermission(Permissions.PATIENTS_READ)
    ListPage<Patient> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        return patients.list(Callers.current(), null, new PageRequest(page, size));
    }

    record PatientSearch(@NotNull @Size(min = 2, max = 100) String query, @Min(0) Integer page,
            @Min(1) @Max(PageRequest.MAX_SIZE) Integer size) {
    }

    @PostMapping("/search")
    @RequiresPermission(Permissions.PATIENTS_READ)
    ListPage<Patient> search(@Valid @RequestBody PatientSearch search) {
        if (search.query().trim().length() < 2) {
            throw new InvalidFieldException("query", "must have at least 2 characters besides spaces");
        }
        return patients.list(Callers.current(), search.query(), new PageRequest(
                search.page() == null ? 0 : search.page(),
                search.size() == null ? PageRequest.DEFAULT_SIZE : search.size()));
    }

    @PostMapping("/{id}/contact-points")
    @RequiresPermission(Permissions.PATIENTS_WRITE)
    ResponseEntity<ContactPoint> addContactPoint(@PathVariable UUID id, @Valid @RequestBody NewContactPoint contact) {
        Caller caller = Callers.current();
        PatientId patient = patients.requireExists(caller.practice(), new PatientId(id));
        ContactPoint added = contactPoints.add(caller.practice(), caller.actor(), patient, contact);
        return ResponseEntity.created(URI.create("/api/v1/patients/" + id + "/contact-points/" + added.id()))
                .body(added);
    }

    record ContactPointUpdate(@NotNull Boolean verified) {
    }

    @PutMapping("/{id}/contact-points/{contactPointId}")
    @RequiresPermission(Permissions.PATIENTS_WRITE)
    ContactPoint updateContactPoint(@PathVariable UUID id, @PathVariable UUID contactPointId,
            @Valid @RequestBody ContactPointUpdate update) {
        Caller caller = Callers.current();
        return contactPoints.setVerified(caller.practice(), caller.actor(), new PatientId(id),
                new ContactPointId(contactPointId), update.verified());
    }

    record ConsentDecision(@NotNull ConsentPurpose purpose, @NotNull Boolean granted, @NotNull ConsentSource source) {
    }

    /** Records a consent decision; the contact point's history keeps every earlier one. */
    @PostMapping("/{id}/contact-points/{contactPointId}/consents")
    @RequiresPermission(Permissions.PATIENTS_WRITE)
    ContactPoint changeConsent(@PathVariable UUID id, @PathVariable UUID contactPointId,
            @Valid @RequestBody ConsentDecision decision) {
        Caller caller = Callers.current();
        return contactPoints.changeConsent(caller.practice(), caller.actor(), new PatientId(id),
                new ContactPointId(contactPointId), decision.purpose(), decision.granted(), decision.source());
    }

    @GetMapping("/{id}/contact-points/{contactPointId}/consents")
    @RequiresPermission(Permissions.PATIENTS_READ)
    List<ConsentChange> consentHistory(@PathVariable UUID id, @PathVariable UUID contactPointId) {
        Caller caller = Callers.current();
        return contactPoints.history(caller.practice(), caller.actor(), new PatientId(id),
                new ContactPointId(contactPointId));
    }
}
