package org.carerelay.practice;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;

/**
 * The editable facts of a patient. {@code contactPoints} is read only when registering a patient; afterwards
 * contact points are changed one by one, so that their consent history stays whole.
 */
public record PatientDetails(
        @NotBlank @Size(max = 100) String givenName,
        @NotBlank @Size(max = 100) String familyName,
        @NotNull @Past LocalDate dateOfBirth,
        @NotBlank @Size(max = 64) String mrn,
        @NotNull Sex sex,
        String preferredLanguage,
        PreferredChannel preferredChannel,
        String timeZone,
        UUID usualLocationId,
        UUID usualProviderId,
        List<@NotNull @Valid NewContactPoint> contactPoints) {
}
