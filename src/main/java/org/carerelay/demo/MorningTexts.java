package org.carerelay.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * When the demo's inbox texts arrived: through the morning of the latest business day whose morning is over, in the
 * zone of the location they were texted to. Stamped at the moment of seeding instead, an evening start would file
 * them all after hours and answer each with the after-hours text.
 */
final class MorningTexts {

    /**
     * Local times in the New York location's zone: 9:05 to 10:30 there is 8:05 to 9:30 in Chicago, so both
     * locations (open 8:00 to 17:00 local) are open whichever one keeps a patient's reply clock.
     */
    static final List<LocalTime> ARRIVALS = List.of(LocalTime.of(9, 5), LocalTime.of(9, 20), LocalTime.of(9, 40),
            LocalTime.of(10, 5), LocalTime.of(10, 30));

    private MorningTexts() {
    }

    /** The arrival of each text, in the order of {@link #ARRIVALS}; every one before {@code now}. */
    static List<Instant> arrivals(Instant now, ZoneId zone, Set<DayOfWeek> businessDays) {
        LocalDate day = day(now.atZone(zone), businessDays);
        return ARRIVALS.stream().map(time -> ZonedDateTime.of(day, time, zone).toInstant()).toList();
    }

    /** Today once its morning's texts are all in, else the business day before. */
    static LocalDate day(ZonedDateTime now, Set<DayOfWeek> businessDays) {
        LocalDate day = now.toLocalDate();
        boolean morningOver = !now.toLocalTime().isBefore(ARRIVALS.get(ARRIVALS.size() - 1));
        if (businessDays.contains(day.getDayOfWeek()) && morningOver) {
            return day;
        }
        do {
            day = day.minusDays(1);
        } while (!businessDays.contains(day.getDayOfWeek()));
        return day;
    }
}
