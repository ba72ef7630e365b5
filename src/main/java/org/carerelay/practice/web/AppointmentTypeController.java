package org.carerelay.practice.web;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeId;
import org.carerelay.practice.AppointmentTypeDetails;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.shared.Callers;
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

@RestController
@RequestMapping("/api/v1/appointment-types")
class AppointmentTypeController {

    private final AppointmentTypes appointmentTypes;

    AppointmentTypeController(AppointmentTypes appointmentTypes) {
        this.appointmentTypes = appointmentTypes;
    }

    @PostMapping
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    ResponseEntity<AppointmentType> create(@Valid @RequestBody AppointmentTypeDetails details) {
        AppointmentType created = appointmentTypes.create(Callers.current(), details);
        return ResponseEntity.created(URI.create("/api/v1/appointment-types/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permissions.PRACTICE_READ)
    AppointmentType get(@PathVariable UUID id) {
        return appointmentTypes.get(Callers.current().practice(), new AppointmentTypeId(id));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    AppointmentType update(@PathVariable UUID id, @Valid @RequestBody AppointmentTypeDetails details) {
        return appointmentTypes.update(Callers.current(), new AppointmentTypeId(id), details);
    }

    @GetMapping
    @RequiresPermission(Permissions.PRACTICE_READ)
    ListPage<AppointmentType> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        return appointmentTypes.list(Callers.current().practice(), new PageRequest(page, size));
    }
}
