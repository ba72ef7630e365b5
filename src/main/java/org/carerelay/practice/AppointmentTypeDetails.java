package org.carerelay.practice;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The editable facts of an appointment type. {@code bufferMinutes} defaults to none; {@code providerIds}, the
 * providers who offer it, to all of them.
 */
public record AppointmentTypeDetails(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Min(5) @Max(480) Integer durationMinutes,
        @NotNull Modality modality,
        @Min(0) @Max(120) Integer bufferMinutes,
        @Size(max = 500) List<@NotNull UUID> providerIds) {

    public AppointmentTypeDetails(String name, Integer durationMinutes, Modality modality) {
        this(name, durationMinutes, modality, null, null);
    }

    int buffer() {
        return bufferMinutes == null ? 0 : bufferMinutes;
    }

    List<UUID> providers() {
        return providerIds == null ? List.of() : providerIds.stream().distinct().toList();
    }
}
