package org.carerelay.practice;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A postal address; {@code country} is an ISO 3166-1 alpha-2 code. */
public record Address(
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @NotBlank @Size(max = 100) String city,
        @NotBlank @Size(max = 100) String region,
        @NotBlank @Size(max = 20) String postalCode,
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as US") String country) {

    static Address read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Address(rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("city"),
                rs.getString("region"), rs.getString("postal_code"), rs.getString("country"));
    }

    org.springframework.jdbc.core.simple.JdbcClient.StatementSpec bind(
            org.springframework.jdbc.core.simple.JdbcClient.StatementSpec statement) {
        return statement.param("line1", line1).param("line2", line2).param("city", city).param("region", region)
                .param("postalCode", postalCode).param("country", country);
    }
}
