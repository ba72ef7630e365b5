package org.carerelay.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhiRedactorTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            mail jane.roe@example.test now           | mail [email] now
            call +12125550142                        | call [phone]
            call (212) 555-0142 or 212.555.0142      | call [phone] or [phone]
            born 1984-03-07                          | born [date]
            born 3/7/1984                            | born [date]
            ssn 123-45-6789                          | ssn [ssn]
            at 2026-11-21T19:00:00Z                  | at 2026-11-21T19:00:00Z
            practice 0b7e6a52-29ae-4c1e-9b4e-426614174000 | practice 0b7e6a52-29ae-4c1e-9b4e-426614174000
            patient.viewed 42 events                 | patient.viewed 42 events
            """)
    void masksContactDetailsAndDatesButKeepsIdsAndTimestamps(String text, String expected) {
        assertThat(PhiRedactor.redact(text)).isEqualTo(expected);
    }
}
