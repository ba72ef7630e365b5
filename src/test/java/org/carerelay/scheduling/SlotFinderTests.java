package org.carerelay.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.practice.LocationId;
import org.carerelay.practice.ProviderId;
import org.junit.jupiter.api.Test;

class SlotFinderTests {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ProviderId PROVIDER = new ProviderId(UUID.randomUUID());
    static final LocationId LOCATION = new LocationId(UUID.randomUUID());
    /** A Monday. */
    static final LocalDate MONDAY = LocalDate.of(2026, 6, 15);

    @Test
    void aWorkingMorningIsCutIntoVisitsAndBuffersInLocalTime() {
        List<Slot> slots = find(calendar(hours(DayOfWeek.MONDAY, "09:00", "11:00")), 30, 10, MONDAY, 1, List.of());

        assertThat(localStarts(slots)).containsExactly("09:00", "09:40", "10:20");
        assertThat(slots.get(0).end()).isEqualTo(at(MONDAY, "09:30"));
    }

    @Test
    void slotsStartAgainWhereAVisitOrTimeOffEnds() {
        List<Period> busy = List.of(new Period(at(MONDAY, "09:15"), at(MONDAY, "09:45")),
                new Period(at(MONDAY, "10:45"), at(MONDAY, "12:00")));

        List<Slot> slots = find(calendar(hours(DayOfWeek.MONDAY, "09:00", "12:00")), 30, 0, MONDAY, 1, busy);

        assertThat(localStarts(slots)).containsExactly("09:45", "10:15");
    }

    @Test
    void anExceptionReplacesTheTemplateForItsDateAndAnEmptyOneIsADayOff() {
        ProviderCalendar calendar = new ProviderCalendar(PROVIDER, LOCATION, NEW_YORK,
                List.of(hours(DayOfWeek.MONDAY, "09:00", "10:00"), hours(DayOfWeek.TUESDAY, "09:00", "10:00")),
                Map.of(MONDAY, List.<LocalTime[]>of(new LocalTime[] {LocalTime.of(14, 0), LocalTime.of(15, 0)}),
                        MONDAY.plusDays(1), List.of()));

        assertThat(localStarts(find(calendar, 60, 0, MONDAY, 2, List.of()))).containsExactly("14:00");
    }

    @Test
    void aTemplateRowAppliesOnlyWithinItsValidity() {
        WorkingHours fromNextWeek = new WorkingHours(LOCATION.value(), DayOfWeek.MONDAY, LocalTime.of(9, 0),
                LocalTime.of(10, 0), MONDAY.plusDays(7), null);

        List<Slot> slots = find(calendar(fromNextWeek), 60, 0, MONDAY, 14, List.of());

        assertThat(slots).extracting(slot -> slot.start().atZone(NEW_YORK).toLocalDate())
                .containsExactly(MONDAY.plusDays(7));
    }

    @Test
    void fullRoomsHoldOffInPersonVisitsUntilOneFrees() {
        SlotFinder.Rooms twoTaken = new SlotFinder.Rooms(2, List.of(
                new Period(at(MONDAY, "09:00"), at(MONDAY, "09:30")),
                new Period(at(MONDAY, "09:00"), at(MONDAY, "10:00"))));
        ProviderCalendar calendar = calendar(hours(DayOfWeek.MONDAY, "09:00", "10:30"));
        SlotFinder.Search search = new SlotFinder.Search(Duration.ofMinutes(30), Duration.ZERO, true,
                at(MONDAY, "00:00"), at(MONDAY.plusDays(1), "00:00"), Instant.EPOCH);

        List<Slot> slots = SlotFinder.find(calendar, search, List.of(), twoTaken);

        assertThat(localStarts(slots)).containsExactly("09:30", "10:00");
    }

    @Test
    void nothingBeforeTheEarliestBookableMoment() {
        ProviderCalendar calendar = calendar(hours(DayOfWeek.MONDAY, "09:00", "12:00"));
        SlotFinder.Search search = new SlotFinder.Search(Duration.ofMinutes(60), Duration.ZERO, false,
                at(MONDAY, "00:00"), at(MONDAY.plusDays(1), "00:00"), at(MONDAY, "09:30"));

        assertThat(localStarts(SlotFinder.find(calendar, search, List.of(), SlotFinder.Rooms.UNLIMITED)))
                .containsExactly("10:00", "11:00");
    }

    @Test
    void theNightClocksGoForwardHasAnHourLessAndTheNightTheyGoBackAnHourMore() {
        LocalDate springForward = LocalDate.of(2026, 3, 8);
        LocalDate fallBack = LocalDate.of(2026, 11, 1);
        ProviderCalendar allNight = calendar(hours(DayOfWeek.SUNDAY, "00:00", "04:00"));

        List<Slot> spring = find(allNight, 60, 0, springForward, 1, List.of());
        List<Slot> autumn = find(allNight, 60, 0, fallBack, 1, List.of());

        assertThat(localStarts(spring)).containsExactly("00:00", "01:00", "03:00");
        assertThat(localStarts(autumn)).containsExactly("00:00", "01:00", "01:00", "02:00", "03:00");
        assertThat(autumn).extracting(slot -> Duration.between(slot.start(), slot.end()))
                .containsOnly(Duration.ofHours(1));
    }

    @Test
    void aWeekdayAcrossTheChangeKeepsItsLocalHours() {
        LocalDate fridayBefore = LocalDate.of(2026, 3, 6);
        LocalDate mondayAfter = LocalDate.of(2026, 3, 9);
        ProviderCalendar calendar = calendar(hours(DayOfWeek.FRIDAY, "09:00", "10:00"),
                hours(DayOfWeek.MONDAY, "09:00", "10:00"));

        List<Slot> slots = find(calendar, 60, 0, fridayBefore, 4, List.of());

        assertThat(localStarts(slots)).containsExactly("09:00", "09:00");
        assertThat(slots).extracting(Slot::start).containsExactly(Instant.parse("2026-03-06T14:00:00Z"),
                Instant.parse("2026-03-09T13:00:00Z"));
    }

    private static List<Slot> find(ProviderCalendar calendar, int visit, int buffer, LocalDate from, int days,
            List<Period> busy) {
        SlotFinder.Search search = new SlotFinder.Search(Duration.ofMinutes(visit), Duration.ofMinutes(buffer), false,
                ZonedDateTime.of(from, LocalTime.MIDNIGHT, NEW_YORK).toInstant(),
                ZonedDateTime.of(from.plusDays(days), LocalTime.MIDNIGHT, NEW_YORK).toInstant(), Instant.EPOCH);
        return SlotFinder.find(calendar, search, busy, SlotFinder.Rooms.UNLIMITED);
    }

    private static ProviderCalendar calendar(WorkingHours... template) {
        return new ProviderCalendar(PROVIDER, LOCATION, NEW_YORK, List.of(template), Map.of());
    }

    private static WorkingHours hours(DayOfWeek day, String start, String end) {
        return new WorkingHours(LOCATION.value(), day, LocalTime.parse(start), LocalTime.parse(end), null, null);
    }

    private static Instant at(LocalDate date, String time) {
        return ZonedDateTime.of(date, LocalTime.parse(time), NEW_YORK).toInstant();
    }

    private static List<String> localStarts(List<Slot> slots) {
        return slots.stream().map(slot -> slot.start().atZone(NEW_YORK).toLocalTime().toString()).toList();
    }
}
