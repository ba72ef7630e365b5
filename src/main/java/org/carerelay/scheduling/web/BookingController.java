package org.carerelay.scheduling.web;

import java.net.URI;

import jakarta.validation.Valid;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.scheduling.Booking;
import org.carerelay.scheduling.SlotUnavailableException;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BookingController {

    private final Booking booking;

    BookingController(Booking booking) {
        this.booking = booking;
    }

    /** Books a visit: 201 with the appointment, or 409 with {@code alternatives} when the time is taken. */
    @PostMapping("/api/v1/appointments")
    @RequiresPermission(Permissions.APPOINTMENTS_WRITE)
    ResponseEntity<Appointment> book(@Valid @RequestBody AppointmentDetails details) {
        Appointment booked = booking.book(Callers.current(), details);
        return ResponseEntity.created(URI.create("/api/v1/appointments/" + booked.id())).body(booked);
    }

    @ExceptionHandler(SlotUnavailableException.class)
    ProblemDetail slotUnavailable(SlotUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("https://carerelay.org/problems/slot-unavailable"));
        problem.setProperty("alternatives", e.alternatives());
        return problem;
    }
}
