package org.carerelay.practice.web;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.Valid;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentFilter;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.Appointments;
import org.carerelay.shared.Callers;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Appointments read and changed; booking is the scheduling module's ({@code POST}, with its alternatives). */
@RestController
@RequestMapping("/api/v1/appointments")
class AppointmentController {

    private final Appointments appointments;

    AppointmentController(Appointments appointments) {
        this.appointments = appointments;
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permissions.APPOINTMENTS_READ)
    Appointment get(@PathVariable UUID id) {
        return appointments.view(Callers.current(), new AppointmentId(id));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    Appointment update(@PathVariable UUID id, @Valid @RequestBody AppointmentDetails details) {
        return appointments.update(Callers.current(), new AppointmentId(id), details);
    }

    /** Appointments in start order; {@code from} and {@code to} are date-times with an offset (ISO 8601). */
    @GetMapping
    @RequiresPermission(Permissions.APPOINTMENTS_READ)
    ListPage<Appointment> list(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) UUID patientId,
            @RequestParam(required = false) UUID providerId,
            @RequestParam(required = false) UUID locationId,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        AppointmentFilter filter = new AppointmentFilter(from == null ? null : Appointments.withinRange(from, "from"),
                to == null ? null : Appointments.withinRange(to, "to"), patientId, providerId, locationId,
                status(status));
        return appointments.list(Callers.current(), filter, new PageRequest(page, size));
    }

    private static AppointmentStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return AppointmentStatus.valueOf(status.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "must be one of booked, confirmed, checked_in, completed, "
                    + "cancelled, no_show");
        }
    }
}
