package org.carerelay.scheduling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A stretch of time, start inclusive, end exclusive. */
record Period(Instant start, Instant end) {

    boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }

    /** The union of {@code periods}: disjoint, in order. */
    static List<Period> merged(List<Period> periods) {
        List<Period> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(Period::start));
        List<Period> merged = new ArrayList<>();
        for (Period period : sorted) {
            Period last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !period.start().isAfter(last.end())) {
                if (period.end().isAfter(last.end())) {
                    merged.set(merged.size() - 1, new Period(last.start(), period.end()));
                }
            } else {
                merged.add(period);
            }
        }
        return merged;
    }
}
