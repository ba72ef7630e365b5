package org.carerelay.scheduling.web;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.CancelReason;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the console does to a visit's state, for API clients too: a cancellation with its reason (counted in the
 * cancellation figures, unlike a bare {@code PUT} to cancelled), and taking back a check-in or no-show of today.
 */
@RestController
@RequestMapping("/api/v1/appointments/{id}")
class AppointmentStatusController {

    private final Appointments appointments;

    AppointmentStatusController(Appointments appointments) {
        this.appointments = appointments;
    }

    /** Cancels the visit; the patient is told unless {@code tellPatient} is false. 409 when it cannot be. */
    @PostMapping("/cancellation")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    Appointment cancel(@PathVariable UUID id, @Valid @RequestBody Cancellation cancellation) {
        return appointments.cancel(Callers.current(), new AppointmentId(id), cancellation.reason(),
                !Boolean.FALSE.equals(cancellation.tellPatient()));
    }

    /** Takes back a check-in or no-show marked today (in the location's zone); 409 otherwise. */
    @PostMapping("/status-undo")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    Appointment undo(@PathVariable UUID id) {
        return appointments.undoStatus(Callers.current(), new AppointmentId(id));
    }

    /** @param tellPatient whether the patient is sent the cancellation; true when absent */
    record Cancellation(@NotNull CancelReason reason, Boolean tellPatient) {
    }
}
