package org.carerelay.practice;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The editable facts of a location; {@code phone} is normalized to E.164, {@code timeZone} is an IANA id.
 * {@code rooms} limits how many in-person visits it holds at once; none: not limited.
 */
public record LocationDetails(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid Address address,
        String phone,
        @NotBlank String timeZone,
        @Valid List<BusinessHours> businessHours,
        @Min(1) @Max(1000) Integer rooms) {

    public LocationDetails(String name, Address address, String phone, String timeZone,
            List<BusinessHours> businessHours) {
        this(name, address, phone, timeZone, businessHours, null);
    }
}
