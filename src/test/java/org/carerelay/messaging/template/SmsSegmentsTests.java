package org.carerelay.messaging.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsSegmentsTests {

    @ParameterizedTest(name = "{0} x{1} -> {2} {3} segment(s)")
    @CsvSource({
            "a, 160, GSM-7, 1",
            "a, 161, GSM-7, 2",
            "a, 306, GSM-7, 2",
            "a, 307, GSM-7, 3",
            "€, 80, GSM-7, 1",
            "€, 81, GSM-7, 2",
            "ñ, 160, GSM-7, 1",
            "á, 70, UCS-2, 1",
            "á, 71, UCS-2, 2",
            "á, 134, UCS-2, 2",
            "á, 135, UCS-2, 3"})
    void countsSegmentsPerEncoding(String character, int times, String encoding, int segments) {
        SmsSegments counted = SmsSegments.of(character.repeat(times));
        assertThat(counted.encoding()).isEqualTo(encoding);
        assertThat(counted.segments()).isEqualTo(segments);
    }
}
