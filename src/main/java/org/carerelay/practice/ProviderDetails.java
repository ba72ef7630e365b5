package org.carerelay.practice;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The editable facts of a provider, including the locations where they practise. */
public record ProviderDetails(
        @NotBlank @Size(max = 100) String givenName,
        @NotBlank @Size(max = 100) String familyName,
        @Size(max = 50) String credentials,
        String npi,
        @NotEmpty List<@NotNull UUID> locationIds) {
}
