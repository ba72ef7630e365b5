package org.carerelay.inbox.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.carerelay.inbox.OnCallShift;
import org.carerelay.inbox.OnCallShifts;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The on-call roster: whose phone urgent and crisis messages page, when. */
@RestController
@RequestMapping("/api/v1/inbox/on-call-shifts")
class OnCallShiftController {

    private final OnCallShifts shifts;

    OnCallShiftController(OnCallShifts shifts) {
        this.shifts = shifts;
    }

    record NewShift(@NotNull UUID staffId, @NotBlank @Size(max = 32) String phone, @NotNull OffsetDateTime startsAt,
            @NotNull OffsetDateTime endsAt) {
    }

    @PostMapping
    @RequiresPermission(Permissions.STAFF_MANAGE)
    ResponseEntity<OnCallShift> add(@Valid @RequestBody NewShift shift) {
        return ResponseEntity.status(HttpStatus.CREATED).body(shifts.add(Callers.current(), shift.staffId(),
                shift.phone(), shift.startsAt().toInstant(), shift.endsAt().toInstant()));
    }

    @GetMapping
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    List<OnCallShift> upcoming() {
        return shifts.upcoming(Callers.current());
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permissions.STAFF_MANAGE)
    ResponseEntity<Void> remove(@PathVariable UUID id) {
        shifts.remove(Callers.current(), id);
        return ResponseEntity.noContent().build();
    }
}
