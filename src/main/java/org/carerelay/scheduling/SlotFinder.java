package org.carerelay.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The open slots of one provider at one location. Within each working interval, slots follow one another
 * (visit plus buffer) from the interval's start; after something that is in the way (another visit, time off, a
 * full set of rooms) they start again where it ends, so no minute is lost to a grid. Working hours are local to
 * the location and turned into instants day by day, so a day that loses or gains an hour to DST has one slot less
 * or more, and every other day keeps its local times.
 */
final class SlotFinder {

    /** What is searched for: a visit's length and buffer, in person or not, when, and not before when. */
    record Search(Duration visit, Duration buffer, boolean inPerson, Instant from, Instant to, Instant notBefore) {
    }

    /** Where the location's rooms are taken: the in-person visits there, and how many rooms it has (null: any). */
    record Rooms(Integer count, List<Period> taken) {

        static final Rooms UNLIMITED = new Rooms(null, List.of());
    }

    private SlotFinder() {
    }

    /**
     * @param busy when the provider cannot see anyone: their live appointments (to the end of their buffers) and
     *     their time off, anywhere
     */
    static List<Slot> find(ProviderCalendar calendar, Search search, List<Period> busy, Rooms rooms) {
        List<Period> blocked = Period.merged(busy);
        List<Period> roomsTaken = new ArrayList<>(rooms.taken());
        roomsTaken.sort(Comparator.comparing(Period::start));
        Duration longestVisit = roomsTaken.stream().map(visit -> Duration.between(visit.start(), visit.end()))
                .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        Instant earliest = search.from().isAfter(search.notBefore()) ? search.from() : search.notBefore();
        Duration held = search.visit().plus(search.buffer());
        List<Slot> slots = new ArrayList<>();
        // An interval of the day before can reach into the range (a night shift in a zone behind UTC).
        LocalDate last = search.to().atZone(calendar.zone()).toLocalDate();
        for (LocalDate date = search.from().atZone(calendar.zone()).toLocalDate().minusDays(1); !date.isAfter(last);
                date = date.plusDays(1)) {
            List<LocalTime[]> intervals = new ArrayList<>(calendar.hoursOn(date));
            intervals.sort(Comparator.comparing(hours -> hours[0]));
            for (LocalTime[] hours : intervals) {
                Instant open = ZonedDateTime.of(date, hours[0], calendar.zone()).toInstant();
                Instant close = ZonedDateTime.of(date, hours[1], calendar.zone()).toInstant();
                Instant start = open;
                while (!start.plus(search.visit()).isAfter(close) && start.isBefore(search.to())) {
                    Instant end = start.plus(search.visit());
                    Instant freeAgain = blockedUntil(blocked, start, start.plus(held));
                    if (freeAgain == null && search.inPerson() && rooms.count() != null) {
                        freeAgain = roomFreeAt(roomsTaken, longestVisit, rooms.count(), start, end);
                    }
                    if (freeAgain != null) {
                        start = freeAgain;
                        continue;
                    }
                    if (!start.isBefore(earliest)) {
                        slots.add(new Slot(start, end, calendar.provider().value(), calendar.location().value()));
                    }
                    start = start.plus(held);
                }
            }
        }
        return slots;
    }

    /** The end of the blocked period in the way of {@code from}–{@code to}, or null when there is none. */
    private static Instant blockedUntil(List<Period> blocked, Instant from, Instant to) {
        // The last period starting before `to`: the periods are disjoint, so if any overlaps, it does.
        int low = 0;
        int high = blocked.size() - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (blocked.get(middle).start().isBefore(to)) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found >= 0 && blocked.get(found).end().isAfter(from) ? blocked.get(found).end() : null;
    }

    /**
     * When a room is free again for a visit from {@code from} to {@code to}, or null when one is free now: every
     * room is taken if as many visits as there are rooms overlap it (counted whole, which may refuse a slot a
     * perfect packing would allow, never the other way round).
     */
    private static Instant roomFreeAt(List<Period> taken, Duration longestVisit, int rooms, Instant from,
            Instant to) {
        int overlapping = 0;
        Instant firstFree = null;
        // Visits that start longer ago than the longest one lasts are over: start at the first that may not be.
        Instant earliestStart = from.minus(longestVisit);
        int low = 0;
        int high = taken.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (taken.get(middle).start().isBefore(earliestStart)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        for (Period visit : taken.subList(low, taken.size())) {
            if (!visit.start().isBefore(to)) {
                break;
            }
            if (visit.end().isAfter(from)) {
                overlapping++;
                firstFree = firstFree == null || visit.end().isBefore(firstFree) ? visit.end() : firstFree;
            }
        }
        return overlapping >= rooms ? firstFree : null;
    }
}
