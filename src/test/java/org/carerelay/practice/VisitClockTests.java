package org.carerelay.practice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class VisitClockTests {

    @Test
    void anInPersonVisitIsOnItsLocationsClockWhereverThePatientIs() {
        assertThat(VisitClock.zone(Modality.IN_PERSON, "America/New_York", "America/Chicago"))
                .isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void aVideoVisitIsOnThePatientsClockOrTheLocationsWhenThePatientHasNone() {
        assertThat(VisitClock.zone(Modality.VIDEO, "America/New_York", "America/Chicago"))
                .isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(VisitClock.zone(Modality.VIDEO, "America/New_York", null))
                .isEqualTo(ZoneId.of("America/New_York"));
    }
}
