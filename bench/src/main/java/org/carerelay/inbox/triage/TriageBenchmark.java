package org.carerelay.inbox.triage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Triage of one message, p50/p95/p99 per message over the blind development set's 1,800 real-shaped messages (SMS,
 * portal, voicemail transcripts, e-mails; eleven languages), next to a same-run baseline: the phrase rules and the
 * category model alone, as triage was before the risk model and language detection (main {@code 492a289}). Also the
 * heap the trained shipped models hold and how long they take to train. {@code ./mvnw -Pbench test-compile
 * exec:exec@run-triage-benchmark}
 */
public final class TriageBenchmark {

    private static final int WARM_UP_PASSES = 5;
    private static final int MEASURED_PASSES = 5;

    public static void main(String[] args) {
        List<TriageExample> messages = TrainingCorpus.developmentSet();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = usedHeap(memory);
        long started = System.nanoTime();
        ShippedModels models = ShippedModels.get();
        double trainingSeconds = (System.nanoTime() - started) / 1e9;
        long heapAfter = usedHeap(memory);

        TriageClassifier classifier = models.classifier();
        CategoryModel categories = CategoryModel.train(models.corpus());
        Consumer<TriageExample> full = example -> classifier.classify(example.text(), channel(example));
        Consumer<TriageExample> rulesOnly = example -> {
            String text = example.channel() == TriageChannel.EMAIL ? EmailText.newPart(example.text())
                    : example.text();
            FoldedText folded = FoldedText.of(text);
            SignFinder.find(folded, CrisisSigns.PHRASES);
            SignFinder.find(folded, UrgentSigns.PHRASES);
            VitalSigns.find(folded);
            categories.predict(text);
        };
        for (int i = 0; i < WARM_UP_PASSES; i++) {
            time(messages, full);
            time(messages, rulesOnly);
        }
        long[] fullNanos = new long[0];
        long[] baselineNanos = new long[0];
        for (int i = 0; i < MEASURED_PASSES; i++) {
            // Interleaved, so that both see the same machine.
            fullNanos = concat(fullNanos, time(messages, full));
            baselineNanos = concat(baselineNanos, time(messages, rulesOnly));
        }
        System.out.printf(Locale.ROOT, "%nTriage of one message, %d messages x %d passes, one thread%n",
                messages.size(), MEASURED_PASSES);
        report("rules + risk model + category + language", fullNanos);
        report("baseline: rules + category model alone", baselineNanos);
        System.out.printf(Locale.ROOT, "shipped models: trained on %d messages in %.1f s; heap held %.0f MB%n",
                models.corpus().size(), trainingSeconds, (heapAfter - heapBefore) / 1e6);
    }

    private static TriageChannel channel(TriageExample example) {
        return example.channel() == null ? TriageChannel.SMS : example.channel();
    }

    private static long[] time(List<TriageExample> messages, Consumer<TriageExample> triage) {
        long[] nanos = new long[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            long start = System.nanoTime();
            triage.accept(messages.get(i));
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-42s p50 %6.3f ms  p95 %6.3f ms  p99 %6.3f ms  mean %6.3f ms%n", name,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                Arrays.stream(sorted).average().orElse(0) / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1e6;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static long usedHeap(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
