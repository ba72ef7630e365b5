package org.carerelay.practice;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A contact point to add to a patient, with the consents the patient gave for it and where they came from
 * ({@code consentSource}, default {@code staff}).
 */
public record NewContactPoint(
        @NotNull ContactSystem system,
        @NotBlank String value,
        Boolean verified,
        Map<ConsentPurpose, @NotNull Boolean> consents,
        ConsentSource consentSource) {
}
