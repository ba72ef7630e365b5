package org.carerelay.scheduling.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.ProviderId;
import org.carerelay.scheduling.ProviderSchedules;
import org.carerelay.scheduling.ScheduleException;
import org.carerelay.scheduling.TimeOff;
import org.carerelay.scheduling.WorkingHours;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A provider's weekly template, time off and exceptional dates. */
@RestController
@RequestMapping("/api/v1/providers/{providerId}")
class ScheduleController {

    private final ProviderSchedules schedules;

    ScheduleController(ProviderSchedules schedules) {
        this.schedules = schedules;
    }

    @GetMapping("/schedule")
    @RequiresPermission(Permissions.APPOINTMENTS_READ)
    Map<String, List<WorkingHours>> template(@PathVariable UUID providerId) {
        return Map.of("hours", schedules.template(Callers.current().practice(), new ProviderId(providerId)));
    }

    /** Replaces the whole weekly template. */
    @PutMapping("/schedule")
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    Map<String, List<WorkingHours>> replaceTemplate(@PathVariable UUID providerId,
            @Valid @RequestBody Template template) {
        return Map.of("hours", schedules.replaceTemplate(Callers.current(), new ProviderId(providerId),
                template.hours()));
    }

    @PostMapping("/time-off")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    TimeOff addTimeOff(@PathVariable UUID providerId, @Valid @RequestBody NewTimeOff timeOff) {
        return schedules.addTimeOff(Callers.current(), new ProviderId(providerId),
                Appointments.withinRange(timeOff.start(), "start"), Appointments.withinRange(timeOff.end(), "end"),
                timeOff.reason());
    }

    @DeleteMapping("/time-off/{timeOffId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    void removeTimeOff(@PathVariable UUID providerId, @PathVariable UUID timeOffId) {
        schedules.removeTimeOff(Callers.current(), new ProviderId(providerId), timeOffId);
    }

    @PostMapping("/schedule-exceptions")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    ScheduleException addException(@PathVariable UUID providerId, @Valid @RequestBody NewException exception) {
        return schedules.addException(Callers.current(), new ProviderId(providerId),
                new LocationId(exception.locationId()), exception.date(), exception.start(), exception.end());
    }

    @DeleteMapping("/schedule-exceptions/{exceptionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    void removeException(@PathVariable UUID providerId, @PathVariable UUID exceptionId) {
        schedules.removeException(Callers.current(), new ProviderId(providerId), exceptionId);
    }

    record Template(@NotNull @Size(max = 200) List<@NotNull WorkingHours> hours) {
    }

    record NewTimeOff(@NotNull OffsetDateTime start, @NotNull OffsetDateTime end, String reason) {
    }

    record NewException(@NotNull UUID locationId, @NotNull LocalDate date, LocalTime start, LocalTime end) {
    }
}
