package org.carerelay.practice;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The editable facts of an appointment type. */
public record AppointmentTypeDetails(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Min(5) @Max(480) Integer durationMinutes,
        @NotNull Modality modality) {
}
