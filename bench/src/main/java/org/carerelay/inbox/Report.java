package org.carerelay.inbox;

/** The benchmark's table: one line per operation, its percentiles, and the goal it is held to. */
final class Report {

    private boolean header;

    void line(Latencies latencies, String operation, double goalMs) {
        if (!header) {
            System.out.printf("%-58s %8s %6s %8s %8s %8s  %s%n", "operation", "requests", "failed", "p50 ms",
                    "p95 ms", "p99 ms", "goal");
            header = true;
        }
        double p95 = latencies.percentile(operation, 95);
        String goal = Double.isNaN(goalMs) ? ""
                : String.format("p95 < %.0f ms: %s", goalMs, p95 < goalMs ? "met" : "NOT MET");
        System.out.printf("%-58s %8d %6d %8.1f %8.1f %8.1f  %s%n", operation, latencies.count(operation),
                latencies.failures(operation), latencies.percentile(operation, 50), p95,
                latencies.percentile(operation, 99), goal);
    }
}
