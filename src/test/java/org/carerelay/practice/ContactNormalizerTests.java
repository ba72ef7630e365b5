package org.carerelay.practice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carerelay.shared.InvalidFieldException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactNormalizerTests {

    private final ContactNormalizer normalizer = new ContactNormalizer("US");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (212) 555-0142      | +12125550142
            212.555.0142        | +12125550142
            +1 212 555 0142     | +12125550142
            (650) 253-0000      | +16502530000
            +44 20 7946 0958    | +442079460958
            """)
    void putsPhoneNumbersInE164(String raw, String e164) {
        assertThat(normalizer.phone(raw, "phone")).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "call me", "", "+1 212 555 01420"})
    void refusesWhatIsNotAPhoneNumberWithoutRepeatingIt(String raw) {
        assertThatThrownBy(() -> normalizer.phone(raw, "phone"))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("phone: is not a valid phone number");
    }

    @ParameterizedTest
    @CsvSource({"Jane.Roe@Example.TEST,jane.roe@example.test", "' a@b.co ',a@b.co"})
    void lowerCasesEmailAddresses(String raw, String normalized) {
        assertThat(normalizer.email(raw, "email")).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane", "jane@", "@example.test", "jane@@example.test", "jane roe@example.test"})
    void refusesWhatIsNotAnEmailAddress(String raw) {
        assertThatThrownBy(() -> normalizer.email(raw, "email")).isInstanceOf(InvalidFieldException.class);
    }
}
