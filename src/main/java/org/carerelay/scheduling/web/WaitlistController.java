package org.carerelay.scheduling.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import org.carerelay.scheduling.Waitlist;
import org.carerelay.scheduling.WaitlistEntry;
import org.carerelay.scheduling.WaitlistRequest;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The waitlist: who waits for an earlier slot. Freed slots are offered to them on their own (backfill). */
@RestController
class WaitlistController {

    private final Waitlist waitlist;

    WaitlistController(Waitlist waitlist) {
        this.waitlist = waitlist;
    }

    @PostMapping("/api/v1/waitlist")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    ResponseEntity<WaitlistEntry> join(@Valid @RequestBody WaitlistRequest request) {
        WaitlistEntry entry = waitlist.join(Callers.current(), request);
        return ResponseEntity.created(URI.create("/api/v1/waitlist/" + entry.id())).body(entry);
    }

    @GetMapping("/api/v1/waitlist")
    @RequiresPermission(Permissions.APPOINTMENTS_READ)
    Map<String, List<WaitlistEntry>> waiting() {
        return Map.of("items", waitlist.waiting(Callers.current()));
    }

    @DeleteMapping("/api/v1/waitlist/{id}")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    ResponseEntity<Void> withdraw(@PathVariable UUID id) {
        waitlist.withdraw(Callers.current(), id);
        return ResponseEntity.noContent().build();
    }
}
