package org.carerelay.inbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Response times of named operations, as the clients measured them, and how many failed. */
final class Latencies {

    private final Map<String, List<Long>> nanos = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    void record(String operation, long elapsedNanos, boolean ok) {
        nanos.computeIfAbsent(operation, name -> Collections.synchronizedList(new ArrayList<>())).add(elapsedNanos);
        if (!ok) {
            failures.computeIfAbsent(operation, name -> new AtomicInteger()).incrementAndGet();
        }
    }

    int count(String operation) {
        return nanos.getOrDefault(operation, List.of()).size();
    }

    int total() {
        return nanos.values().stream().mapToInt(List::size).sum();
    }

    int failures(String operation) {
        AtomicInteger failed = failures.get(operation);
        return failed == null ? 0 : failed.get();
    }

    /** The {@code p}th percentile in milliseconds (nearest rank); NaN without samples. */
    double percentile(String operation, double p) {
        List<Long> sorted;
        synchronized (nanos.getOrDefault(operation, List.of())) {
            sorted = new ArrayList<>(nanos.getOrDefault(operation, List.of()));
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }

    List<String> operations() {
        List<String> names = new ArrayList<>(nanos.keySet());
        Collections.sort(names);
        return names;
    }
}
