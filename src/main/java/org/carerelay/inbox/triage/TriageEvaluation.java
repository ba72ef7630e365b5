package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.carerelay.inbox.Category;

/**
 * How well triage does on labelled examples: accuracy per category and overall, recall and precision of the crisis
 * and urgent flags, and which examples it got wrong (by id: an evaluation file may hold real messages).
 */
record TriageEvaluation(int examples, int correct, Map<Category, Count> categories, Flag crisis, Flag urgent,
        List<Miss> misses) {

    /** Examples of one category and how many of them got it. */
    record Count(int examples, int correct) {
    }

    /** Confusion counts of one flag. */
    record Flag(int truePositives, int falsePositives, int falseNegatives) {

        /** The share of flagged examples found; 1 when there were none to find. */
        double recall() {
            int positives = truePositives + falseNegatives;
            return positives == 0 ? 1 : (double) truePositives / positives;
        }

        /** The share of flags raised that were right; 1 when none were raised. */
        double precision() {
            int raised = truePositives + falsePositives;
            return raised == 0 ? 1 : (double) truePositives / raised;
        }
    }

    /** An example triaged wrongly: what was expected and what came out. */
    record Miss(String id, String expected, String actual) {
    }

    static TriageEvaluation of(List<TriageExample> examples, Function<TriageExample, TriageResult> triage) {
        Map<Category, int[]> counts = new EnumMap<>(Category.class);
        int correct = 0;
        int[] crisis = new int[3];
        int[] urgent = new int[3];
        List<Miss> misses = new ArrayList<>();
        for (TriageExample example : examples) {
            TriageResult result = triage.apply(example);
            int[] count = counts.computeIfAbsent(example.category(), c -> new int[2]);
            count[0]++;
            boolean right = result.category() == example.category();
            if (right) {
                count[1]++;
                correct++;
            }
            tally(crisis, example.crisis(), result.crisis());
            tally(urgent, example.urgent(), result.urgent());
            if (!right || example.crisis() != result.crisis() || example.urgent() != result.urgent()) {
                misses.add(new Miss(example.id(), describe(example.category(), example.crisis(), example.urgent()),
                        describe(result.category(), result.crisis(), result.urgent())));
            }
        }
        Map<Category, Count> categories = new EnumMap<>(Category.class);
        counts.forEach((category, count) -> categories.put(category, new Count(count[0], count[1])));
        return new TriageEvaluation(examples.size(), correct, categories, flag(crisis), flag(urgent), misses);
    }

    double accuracy() {
        return examples == 0 ? 1 : (double) correct / examples;
    }

    String report() {
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%-12s %8s %8s %9s%n", "category", "examples", "correct",
                "accuracy"));
        categories.forEach((category, count) -> report.append(String.format(Locale.ROOT, "%-12s %8d %8d %9s%n",
                category.name().toLowerCase(Locale.ROOT), count.examples(), count.correct(),
                percent(count.examples() == 0 ? 1 : (double) count.correct() / count.examples()))));
        report.append(String.format(Locale.ROOT, "%-12s %8d %8d %9s%n", "overall", examples, correct,
                percent(accuracy())));
        report.append(flagLine("crisis", crisis)).append(flagLine("urgent", urgent));
        report.append("misses: ").append(misses.size()).append(System.lineSeparator());
        misses.forEach(miss -> report.append("  ").append(miss.id()).append(": expected ").append(miss.expected())
                .append(", got ").append(miss.actual()).append(System.lineSeparator()));
        return report.toString();
    }

    private static String flagLine(String name, Flag flag) {
        return String.format(Locale.ROOT, "%-12s recall %s (%d of %d)  precision %s (%d of %d)%n", name,
                percent(flag.recall()), flag.truePositives(), flag.truePositives() + flag.falseNegatives(),
                percent(flag.precision()), flag.truePositives(), flag.truePositives() + flag.falsePositives());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static void tally(int[] counts, boolean expected, boolean actual) {
        if (expected && actual) {
            counts[0]++;
        } else if (actual) {
            counts[1]++;
        } else if (expected) {
            counts[2]++;
        }
    }

    private static Flag flag(int[] counts) {
        return new Flag(counts[0], counts[1], counts[2]);
    }

    private static String describe(Category category, boolean crisis, boolean urgent) {
        return category.name().toLowerCase(Locale.ROOT) + (crisis ? "+crisis" : "") + (urgent ? "+urgent" : "");
    }
}
