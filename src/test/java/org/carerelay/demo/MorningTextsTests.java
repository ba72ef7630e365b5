package org.carerelay.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MorningTextsTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    @ParameterizedTest(name = "started {0}: the texts of {1}")
    @CsvSource({
            "2026-12-08T19:30, 2026-12-08", // Tuesday evening: that morning
            "2026-12-08T11:00, 2026-12-08", // Tuesday late morning: this morning
            "2026-12-08T06:00, 2026-12-07", // Tuesday before opening: Monday
            "2026-12-08T10:00, 2026-12-07", // Tuesday, the morning not over yet: Monday
            "2026-12-07T07:00, 2026-12-04", // Monday before opening: Friday
            "2026-12-05T14:00, 2026-12-04", // Saturday: Friday
            "2026-12-06T23:00, 2026-12-04"})// Sunday night: Friday
    void takesTheLatestBusinessDayWhoseMorningIsOver(LocalDateTime started, LocalDate day) {
        ZonedDateTime now = started.atZone(NEW_YORK);
        assertThat(MorningTexts.day(now, WEEKDAYS)).isEqualTo(day);
        assertThat(MorningTexts.arrivals(now.toInstant(), NEW_YORK, WEEKDAYS))
                .allSatisfy(at -> assertThat(at).isBefore(now.toInstant()))
                .allSatisfy(at -> assertThat(at.atZone(NEW_YORK).toLocalDate()).isEqualTo(day))
                .allSatisfy(at -> assertThat(at.atZone(ZoneId.of("America/Chicago")).getHour())
                        .as("open in Chicago too").isBetween(8, 16));
    }
}
