package org.carerelay.practice.web;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import org.carerelay.practice.ClinicalAccess;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserId;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
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
@RequestMapping("/api/v1/staff")
class StaffUserController {

    private final StaffUsers staffUsers;
    private final ClinicalAccess clinicalAccess;

    StaffUserController(StaffUsers staffUsers, ClinicalAccess clinicalAccess) {
        this.staffUsers = staffUsers;
        this.clinicalAccess = clinicalAccess;
    }

    /** The provider a Doctor is, and whether they see clinical content for their panel or the whole practice. */
    @GetMapping("/{id}/clinical-access")
    @RequiresPermission(Permissions.PRACTICE_READ)
    ClinicalAccess.Setting clinicalAccess(@PathVariable UUID id) {
        return clinicalAccess.setting(Callers.current(), id);
    }

    @PutMapping("/{id}/clinical-access")
    @RequiresPermission(Permissions.STAFF_MANAGE)
    ClinicalAccess.Setting setClinicalAccess(@PathVariable UUID id, @RequestBody ClinicalAccess.Setting setting) {
        return clinicalAccess.set(Callers.current(), id, setting);
    }

    @PostMapping
    @RequiresPermission(Permissions.STAFF_MANAGE)
    ResponseEntity<StaffUser> create(@Valid @RequestBody StaffUserDetails details) {
        StaffUser created = staffUsers.create(Callers.current(), details);
        return ResponseEntity.created(URI.create("/api/v1/staff/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permissions.PRACTICE_READ)
    StaffUser get(@PathVariable UUID id) {
        return staffUsers.get(Callers.current().practice(), new StaffUserId(id));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permissions.STAFF_MANAGE)
    StaffUser update(@PathVariable UUID id, @Valid @RequestBody StaffUserDetails details) {
        return staffUsers.update(Callers.current(), new StaffUserId(id), details);
    }

    @GetMapping
    @RequiresPermission(Permissions.PRACTICE_READ)
    ListPage<StaffUser> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        return staffUsers.list(Callers.current().practice(), new PageRequest(page, size));
    }
}
