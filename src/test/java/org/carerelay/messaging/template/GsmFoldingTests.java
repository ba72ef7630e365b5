package org.carerelay.messaging.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GsmFoldingTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "Urgent patient message — open CareRelay|Urgent patient message - open CareRelay",
            "su cita del sábado a las 9:00|su cita del sabado a las 9:00",
            "Código: 123456; ¿Sí? Ángela|Codigo: 123456; ¿Si? Angela",
            "mañana, miércoles, José, Müller|mañana, miércoles, José, Müller",
            "“Don’t” …|\"Don't\" ..."})
    void foldsWhatHasAGsm7LookAlikeAndKeepsWhatGsm7Has(String text, String folded) {
        assertThat(GsmFolding.fold(text)).isEqualTo(folded);
        assertThat(SmsSegments.of(GsmFolding.fold(text)).encoding()).isEqualTo("GSM-7");
    }

    @ParameterizedTest
    @CsvSource({"See you soon 🙂", "診察"})
    void leavesWhatHasNoLookAlike(String text) {
        assertThat(GsmFolding.fold(text)).isEqualTo(text);
        assertThat(SmsSegments.of(GsmFolding.fold(text)).encoding()).isEqualTo("UCS-2");
    }
}
