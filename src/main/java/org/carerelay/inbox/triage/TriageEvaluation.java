package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.carerelay.inbox.Category;

/**
 * How well triage does on labelled examples: accuracy per category and overall, the confusion between categories,
 * recall and precision of the crisis and urgent flags (overall and per language), where the crises landed among the
 * risk tiers, and which examples it got wrong (by id: an evaluation file may hold real messages).
 */
record TriageEvaluation(int examples, int correct, Map<Category, Count> categories,
        Map<Category, Map<Category, Integer>> confusion, Flag crisis, Flag urgent, Map<String, Language> languages,
        Map<Risk, Integer> crisisByRisk, List<Miss> misses) {

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

        Flag plus(boolean expected, boolean actual) {
            return new Flag(truePositives + (expected && actual ? 1 : 0), falsePositives + (!expected && actual ? 1 : 0),
                    falseNegatives + (expected && !actual ? 1 : 0));
        }
    }

    /** One language's examples, category accuracy and flags. */
    record Language(int examples, int correct, Flag crisis, Flag urgent) {

        Language plus(boolean right, TriageExample example, TriageResult result) {
            return new Language(examples + 1, correct + (right ? 1 : 0), crisis.plus(example.crisis(), result.crisis()),
                    urgent.plus(example.urgent(), result.urgent()));
        }

        double accuracy() {
            return examples == 0 ? 1 : (double) correct / examples;
        }
    }

    /** An example triaged wrongly: what was expected and what came out. */
    record Miss(String id, String expected, String actual) {
    }

    private static final Flag NO_FLAGS = new Flag(0, 0, 0);

    static TriageEvaluation of(List<TriageExample> examples, Function<TriageExample, TriageResult> triage) {
        Map<Category, int[]> counts = new EnumMap<>(Category.class);
        Map<Category, Map<Category, Integer>> confusion = new EnumMap<>(Category.class);
        Map<String, Language> languages = new TreeMap<>();
        Map<Risk, Integer> crisisByRisk = new EnumMap<>(Risk.class);
        int correct = 0;
        Flag crisis = NO_FLAGS;
        Flag urgent = NO_FLAGS;
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
            confusion.computeIfAbsent(example.category(), c -> new EnumMap<>(Category.class))
                    .merge(result.category(), 1, Integer::sum);
            crisis = crisis.plus(example.crisis(), result.crisis());
            urgent = urgent.plus(example.urgent(), result.urgent());
            String language = example.language() == null ? "?" : example.language();
            languages.put(language, languages.getOrDefault(language, new Language(0, 0, NO_FLAGS, NO_FLAGS))
                    .plus(right, example, result));
            if (example.crisis()) {
                crisisByRisk.merge(result.risk(), 1, Integer::sum);
            }
            if (!right || example.crisis() != result.crisis() || example.urgent() != result.urgent()) {
                misses.add(new Miss(example.id(), describe(example.category(), example.crisis(), example.urgent()),
                        describe(result.category(), result.crisis(), result.urgent())
                                + (result.risk() == Risk.POSSIBLE ? " (possible crisis)" : "")));
            }
        }
        Map<Category, Count> categories = new EnumMap<>(Category.class);
        counts.forEach((category, count) -> categories.put(category, new Count(count[0], count[1])));
        return new TriageEvaluation(examples.size(), correct, categories, confusion, crisis, urgent, languages,
                crisisByRisk, misses);
    }

    double accuracy() {
        return examples == 0 ? 1 : (double) correct / examples;
    }

    String report() {
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%-12s %8s %8s %9s%n", "category", "examples", "correct",
                "accuracy"));
        categories.forEach((category, count) -> report.append(String.format(Locale.ROOT, "%-12s %8d %8d %9s%n",
                name(category), count.examples(), count.correct(),
                percent(count.examples() == 0 ? 1 : (double) count.correct() / count.examples()))));
        report.append(String.format(Locale.ROOT, "%-12s %8d %8d %9s%n", "overall", examples, correct,
                percent(accuracy())));
        report.append(flagLine("crisis", crisis)).append(flagLine("urgent", urgent));
        report.append(String.format(Locale.ROOT, "crises by risk tier: crisis %d, possible %d, none %d%n",
                crisisByRisk.getOrDefault(Risk.CRISIS, 0), crisisByRisk.getOrDefault(Risk.POSSIBLE, 0),
                crisisByRisk.getOrDefault(Risk.NONE, 0)));
        report.append(System.lineSeparator()).append(String.format(Locale.ROOT,
                "%-9s %8s %9s %14s %12s %14s%n", "language", "examples", "accuracy", "crisis found", "false crisis",
                "urgent found"));
        languages.forEach((language, figures) -> report.append(String.format(Locale.ROOT,
                "%-9s %8d %9s %14s %12d %14s%n", language, figures.examples(), percent(figures.accuracy()),
                found(figures.crisis()), figures.crisis().falsePositives(), found(figures.urgent()))));
        report.append(System.lineSeparator()).append("confusion (rows: expected, columns: triaged)")
                .append(System.lineSeparator()).append(String.format(Locale.ROOT, "%-12s", ""));
        for (Category column : Category.values()) {
            report.append(String.format(Locale.ROOT, " %6.6s", name(column)));
        }
        report.append(System.lineSeparator());
        confusion.forEach((expected, row) -> {
            report.append(String.format(Locale.ROOT, "%-12s", name(expected)));
            for (Category column : Category.values()) {
                report.append(String.format(Locale.ROOT, " %6d", row.getOrDefault(column, 0)));
            }
            report.append(System.lineSeparator());
        });
        report.append(System.lineSeparator()).append("misses: ").append(misses.size())
                .append(System.lineSeparator());
        misses.forEach(miss -> report.append("  ").append(miss.id()).append(": expected ").append(miss.expected())
                .append(", got ").append(miss.actual()).append(System.lineSeparator()));
        return report.toString();
    }

    private static String found(Flag flag) {
        return flag.truePositives() + " of " + (flag.truePositives() + flag.falseNegatives());
    }

    private static String flagLine(String name, Flag flag) {
        return String.format(Locale.ROOT, "%-12s recall %s (%d of %d)  precision %s (%d of %d)%n", name,
                percent(flag.recall()), flag.truePositives(), flag.truePositives() + flag.falseNegatives(),
                percent(flag.precision()), flag.truePositives(), flag.truePositives() + flag.falsePositives());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String name(Category category) {
        return category.name().toLowerCase(Locale.ROOT);
    }

    private static String describe(Category category, boolean crisis, boolean urgent) {
        return name(category) + (crisis ? "+crisis" : "") + (urgent ? "+urgent" : "");
    }
}
