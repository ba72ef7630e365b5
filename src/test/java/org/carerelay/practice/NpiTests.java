package org.carerelay.practice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carerelay.shared.InvalidFieldException;
import org.junit.jupiter.api.Test;

class NpiTests {

    @Test
    void acceptsTheCmsExampleNpi() {
        // The worked example of the CMS NPI check digit specification.
        assertThat(Npi.check("1234567893", "npi")).isEqualTo("1234567893");
        assertThat(Npi.withCheckDigit("123456789")).isEqualTo("1234567893");
    }

    @Test
    void refusesAWrongCheckDigitOrLength() {
        assertThatThrownBy(() -> Npi.check("1234567890", "npi")).isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> Npi.check("123456789", "npi")).isInstanceOf(InvalidFieldException.class);
    }
}
