package org.carerelay.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * When a visit's reminders are due: 48 hours before it, and 2 hours before it, or at 18:00 the evening before for a
 * visit starting before 10:00 (a reminder at 07:00 for a 09:00 visit comes too late to arrange anything). A
 * reminder whose time has passed when the visit is booked is not planned: the booking's confirmation stands in.
 */
final class ReminderPlan {

    static final Duration TWO_DAYS_AHEAD = Duration.ofHours(48);
    static final Duration SHORT_AHEAD = Duration.ofHours(2);
    /** Visits starting before this local time are reminded the evening before instead. */
    static final LocalTime EARLY_VISIT = LocalTime.of(10, 0);
    static final LocalTime EVENING = LocalTime.of(18, 0);

    private ReminderPlan() {
    }

    /** The due time of each reminder still to come for a visit at {@code start} in {@code zone}. */
    static Map<ReminderKind, Instant> of(Instant start, ZoneId zone, Instant now) {
        Map<ReminderKind, Instant> due = new EnumMap<>(ReminderKind.class);
        Instant twoDays = start.minus(TWO_DAYS_AHEAD);
        if (twoDays.isAfter(now)) {
            due.put(ReminderKind.TWO_DAYS, twoDays);
        }
        ZonedDateTime local = start.atZone(zone);
        Instant shortReminder = local.toLocalTime().isBefore(EARLY_VISIT)
                ? local.toLocalDate().minusDays(1).atTime(EVENING).atZone(zone).toInstant()
                : start.minus(SHORT_AHEAD);
        if (shortReminder.isAfter(now)) {
            due.put(ReminderKind.SHORT, shortReminder);
        }
        return due;
    }
}
