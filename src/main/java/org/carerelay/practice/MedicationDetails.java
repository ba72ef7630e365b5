package org.carerelay.practice;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A medication to record for a patient. */
public record MedicationDetails(@NotBlank @Size(max = 200) String name, @Size(max = 200) String dosage,
        UUID prescriberId) {
}
