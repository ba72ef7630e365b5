package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.carerelay.practice.BusinessHours;
import org.junit.jupiter.api.Test;

class SlaClockTests {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    /** Monday to Friday, 08:00–12:00 and 13:00–17:00. */
    static List<BusinessHours> weekdays() {
        List<BusinessHours> hours = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.add(new BusinessHours(day, LocalTime.of(13, 0), LocalTime.of(17, 0)));
            hours.add(new BusinessHours(day, LocalTime.of(8, 0), LocalTime.of(12, 0)));
        }
        return hours;
    }

    static Instant chicago(String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), CHICAGO).toInstant();
    }

    @Test
    void theClockRunsOnlyWhileTheLocationIsOpen() {
        SlaClock clock = new SlaClock(CHICAGO, weekdays(), Set.of());
        // Within one period, across lunch, and from Friday afternoon over the weekend.
        assertThat(clock.after(chicago("2026-11-16T09:00"), Duration.ofHours(2))).isEqualTo(chicago("2026-11-16T11:00"));
        assertThat(clock.after(chicago("2026-11-16T11:00"), Duration.ofHours(2))).isEqualTo(chicago("2026-11-16T14:00"));
        assertThat(clock.after(chicago("2026-11-20T16:00"), Duration.ofHours(4))).isEqualTo(chicago("2026-11-23T11:00"));
        // A message in the night starts counting at the opening.
        assertThat(clock.after(chicago("2026-11-17T22:30"), Duration.ofHours(2))).isEqualTo(chicago("2026-11-18T10:00"));
        // 24 business hours: three working days.
        assertThat(clock.after(chicago("2026-11-16T08:00"), Duration.ofHours(24))).isEqualTo(chicago("2026-11-18T17:00"));
    }

    @Test
    void knowsWhenTheLocationIsOpen() {
        SlaClock clock = new SlaClock(CHICAGO, weekdays(), Set.of(LocalDate.of(2026, 11, 26)));
        assertThat(clock.isOpen(chicago("2026-11-16T08:00"))).isTrue();
        assertThat(clock.isOpen(chicago("2026-11-16T12:30"))).isFalse();
        assertThat(clock.isOpen(chicago("2026-11-16T17:00"))).isFalse();
        assertThat(clock.isOpen(chicago("2026-11-21T10:00"))).as("Saturday").isFalse();
        assertThat(clock.isOpen(chicago("2026-11-26T10:00"))).as("a holiday").isFalse();
        assertThat(new SlaClock(CHICAGO, List.of(), Set.of()).isOpen(chicago("2026-11-21T03:00"))).isTrue();
    }

    @Test
    void holidaysAreClosedAllDay() {
        SlaClock clock = new SlaClock(CHICAGO, weekdays(), Set.of(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27)));
        assertThat(clock.after(chicago("2026-11-25T16:00"), Duration.ofHours(2))).isEqualTo(chicago("2026-11-30T09:00"));
    }

    @Test
    void aLocationWithoutHoursIsAlwaysOpen() {
        SlaClock clock = new SlaClock(CHICAGO, List.of(), Set.of());
        assertThat(clock.after(chicago("2026-11-21T23:00"), Duration.ofHours(2))).isEqualTo(chicago("2026-11-22T01:00"));
    }

    @Test
    void theClockKeepsLocalTimeAcrossTheChangeToWinterTime() {
        SlaClock clock = new SlaClock(CHICAGO, weekdays(), Set.of());
        // Friday 30 October 2026 16:00, 4 business hours: Monday 2 November 11:00 local, after the clocks went back.
        assertThat(clock.after(chicago("2026-10-30T16:00"), Duration.ofHours(4))).isEqualTo(chicago("2026-11-02T11:00"));
    }
}
