package org.carerelay.practice;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The editable facts of a location; {@code phone} is normalized to E.164, {@code timeZone} is an IANA id. */
public record LocationDetails(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid Address address,
        String phone,
        @NotBlank String timeZone,
        @Valid List<BusinessHours> businessHours) {
}
