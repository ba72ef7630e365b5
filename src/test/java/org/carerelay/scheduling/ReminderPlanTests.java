package org.carerelay.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReminderPlanTests {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void anAfternoonVisitIsRemindedTwoDaysAndTwoHoursBefore() {
        Instant start = local("2026-12-10T14:30");

        Map<ReminderKind, Instant> plan = ReminderPlan.of(start, CHICAGO, local("2026-12-01T09:00"));

        assertThat(plan).containsOnly(Map.entry(ReminderKind.TWO_DAYS, local("2026-12-08T14:30")),
                Map.entry(ReminderKind.SHORT, local("2026-12-10T12:30")));
    }

    @Test
    void aVisitBeforeTenIsRemindedTheEveningBefore() {
        Map<ReminderKind, Instant> plan = ReminderPlan.of(local("2026-12-10T08:15"), CHICAGO,
                local("2026-12-01T09:00"));

        assertThat(plan.get(ReminderKind.SHORT)).isEqualTo(local("2026-12-09T18:00"));
        assertThat(ReminderPlan.of(local("2026-12-10T10:00"), CHICAGO, local("2026-12-01T09:00"))
                .get(ReminderKind.SHORT)).isEqualTo(local("2026-12-10T08:00"));
    }

    @Test
    void theEveningBeforeIsLocalTimeAcrossTheSpringForwardNight() {
        // Clocks go forward on Sunday 8 March 2026 at 02:00; 18:00 Saturday is still 18:00 local (00:00Z Sunday).
        Map<ReminderKind, Instant> plan = ReminderPlan.of(local("2026-03-08T09:00"), CHICAGO,
                local("2026-03-01T09:00"));

        assertThat(plan.get(ReminderKind.SHORT)).isEqualTo(Instant.parse("2026-03-08T00:00:00Z"));
        assertThat(plan.get(ReminderKind.TWO_DAYS)).isEqualTo(Instant.parse("2026-03-06T14:00:00Z"));
    }

    @Test
    void remindersWhoseTimeHasPassedAtBookingAreNotPlanned() {
        Instant start = local("2026-12-10T14:30");

        assertThat(ReminderPlan.of(start, CHICAGO, local("2026-12-09T09:00")))
                .containsOnlyKeys(ReminderKind.SHORT);
        assertThat(ReminderPlan.of(start, CHICAGO, local("2026-12-10T13:00"))).isEmpty();
        assertThat(ReminderPlan.of(local("2026-12-10T08:00"), CHICAGO, local("2026-12-09T19:00"))).isEmpty();
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(CHICAGO).toInstant();
    }
}
