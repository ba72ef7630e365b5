package org.carerelay.practice;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The editable facts of a staff user; {@code active} defaults to true. */
public record StaffUserDetails(
        @NotBlank @Size(max = 100) String givenName,
        @NotBlank @Size(max = 100) String familyName,
        @NotBlank String email,
        @NotNull StaffRole role,
        Boolean active) {
}
