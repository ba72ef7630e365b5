package org.carerelay.bench;

import java.util.Collection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks under bench/ ({@code ./mvnw -Pbench verify}) and prints each figure next to its
 * same-run baseline. JMH options pass through: {@code -Dbench.args="-t 4"} runs with four threads.
 */
public final class Benchmarks {

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args)).build();
        Collection<RunResult> results = new Runner(options).run();
        double chained = score(results, "chainedAppend");
        double perPractice = score(results, "chainedAppendPracticePerThread");
        double plain = score(results, "plainInsertBaseline");
        if (Double.isNaN(chained) || Double.isNaN(plain)) {
            System.err.println("A benchmark did not produce a result; see its output above.");
            System.exit(1);
        }
        System.out.printf("%nAudit appends, one practice: %.0f events/s; baseline plain inserts: %.0f rows/s; "
                + "ratio %.2f (goal >= 0.50)%n", chained, plain, chained / plain);
        System.out.printf("Audit appends, a practice per thread: %.0f events/s; ratio %.2f%n", perPractice,
                perPractice / plain);
    }

    private static double score(Collection<RunResult> results, String benchmark) {
        return results.stream()
                .filter(result -> result.getParams().getBenchmark().endsWith("." + benchmark))
                .mapToDouble(result -> result.getPrimaryResult().getScore())
                .findFirst()
                .orElse(Double.NaN);
    }
}
