package org.carerelay.practice;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The editable facts of a practice. */
public record PracticeDetails(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 100) String brandName,
        @NotNull @Valid Address postalAddress,
        @NotBlank String defaultLanguage) {
}
