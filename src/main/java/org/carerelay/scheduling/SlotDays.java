package org.carerelay.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Open slots as a patient chooses among them: by local day, each start time once (several providers free at
 * 10:00 are one choice), the first few days that have any.
 *
 * @param date  the local date, in the location's zone
 * @param slots one slot per start time, in start order
 */
public record SlotDays(LocalDate date, List<Slot> slots) {

    /** How many days with openings a patient is shown at once. */
    public static final int SHOWN = 7;

    /**
     * {@code options} by day in {@code zone}, the first {@value #SHOWN} days; at each start time the slot of
     * {@code preferredProvider} when free then (their own clinician), otherwise another's. Null: no preference.
     */
    public static List<SlotDays> of(List<Slot> options, ZoneId zone, UUID preferredProvider) {
        Map<LocalDate, Map<Instant, Slot>> byDay = new TreeMap<>();
        for (Slot slot : options) {
            byDay.computeIfAbsent(slot.start().atZone(zone).toLocalDate(), day -> new TreeMap<>())
                    .merge(slot.start(), slot, (kept, other) ->
                            other.providerId().equals(preferredProvider) ? other : kept);
        }
        return byDay.entrySet().stream().limit(SHOWN)
                .map(day -> new SlotDays(day.getKey(), List.copyOf(day.getValue().values())))
                .toList();
    }
}
