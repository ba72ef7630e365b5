package org.carerelay.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.carerelay.practice.BusinessHours;

/**
 * Reply clocks that run only while a location is open: a message that arrives on Friday evening with 4 hours to
 * answer is due on Monday morning, not Saturday. A location without business hours is taken to be always open.
 * Holidays are whole days closed.
 */
final class SlaClock {

    /** The share of the allowed time after which a clock is "due soon". */
    static final double WARN_AT = 0.8;
    /** Far enough to find the next opening after any run of holidays; beyond it the location is never open. */
    private static final int MAX_DAYS_AHEAD = 400;

    private final ZoneId zone;
    private final List<BusinessHours> hours;
    private final Set<LocalDate> holidays;

    SlaClock(ZoneId zone, List<BusinessHours> hours, Set<LocalDate> holidays) {
        this.zone = zone;
        this.hours = hours.stream().sorted(Comparator.comparing(BusinessHours::opens)).toList();
        this.holidays = holidays;
    }

    /** Whether the location is open at {@code at}; one without business hours always is. */
    boolean isOpen(Instant at) {
        if (hours.isEmpty()) {
            return true;
        }
        ZonedDateTime local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        return hours.stream().anyMatch(period -> period.day() == local.getDayOfWeek()
                && !local.toLocalTime().isBefore(period.opens()) && local.toLocalTime().isBefore(period.closes()));
    }

    /** The instant at which {@code allowed} of open time has passed since {@code start}. */
    Instant after(Instant start, Duration allowed) {
        if (hours.isEmpty()) {
            return start.plus(allowed);
        }
        Duration left = allowed;
        ZonedDateTime cursor = start.atZone(zone);
        for (int day = 0; day <= MAX_DAYS_AHEAD; day++) {
            LocalDate date = cursor.toLocalDate();
            if (!holidays.contains(date)) {
                for (BusinessHours period : hours) {
                    if (period.day() != date.getDayOfWeek()) {
                        continue;
                    }
                    ZonedDateTime opens = date.atTime(period.opens()).atZone(zone);
                    ZonedDateTime closes = date.atTime(period.closes()).atZone(zone);
                    ZonedDateTime from = cursor.isAfter(opens) ? cursor : opens;
                    if (!from.isBefore(closes)) {
                        continue;
                    }
                    Duration open = Duration.between(from, closes);
                    if (open.compareTo(left) >= 0) {
                        return from.plus(left).toInstant();
                    }
                    left = left.minus(open);
                }
            }
            cursor = date.plusDays(1).atStartOfDay(zone);
        }
        return start.plus(allowed); // open hours so sparse the clock cannot be kept: fall back to wall time
    }
}
