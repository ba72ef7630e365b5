package org.carerelay.inbox.triage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * The statistical layer of the crisis and urgent flags: a maximum entropy model (multinomial logistic regression)
 * over {@link TextGrams} that reads a message as a crisis, urgent without a crisis, or neither. Where the phrase
 * rules know only what someone listed, this one generalizes from the labelled examples to wording nobody listed,
 * misspellings ("sucide", "kil myslef") and languages the rules do not cover. Immutable once trained.
 */
final class RiskModel {

    static final String CRISIS = "crisis";
    static final String URGENT = "urgent";
    static final String NONE = "none";

    private static final int ITERATIONS = 150;
    /**
     * L2 regularization only, and three times OpenNLP's default: with tens of thousands of character n-grams and a
     * few thousand examples, the default (L1 and L2 at 0.1) learned a writer's habits ("hi um this is…" as a crisis
     * because many crisis examples were voicemails). On the blind development set, held out, this took crisis
     * precision at 95 % recall from 0.53 to 0.75.
     */
    private static final double L1_COST = 0;
    private static final double L2_COST = 3;
    private static final int MAX_CUES = 4;
    private static final int MIN_CUE_LENGTH = 3;
    /** Longer texts (a forwarded e-mail) are judged word by word alone: one model run per word is enough there. */
    private static final int MAX_CONTEXT_WORDS = 150;
    private static final Set<String> FUNCTION_WORDS = Set.of("this", "that", "with", "have", "what", "your", "from",
            "they", "been", "will", "just", "like", "then", "there", "when", "about", "would", "could", "para", "como",
            "esta", "pero", "porque", "todo", "mais", "pour", "avec", "dans", "mwen", "yang", "nang", "the", "and",
            "you", "yes", "but", "for", "not", "are", "was", "can", "did", "get", "has", "had", "him", "her", "his",
            "how", "its", "may", "now", "our", "out", "see", "she", "too", "two", "who", "why", "any", "all", "off",
            "one", "got", "let", "say", "won", "que", "por", "los", "las", "del", "una", "uno", "mis", "les", "des",
            "est", "mon", "une", "ang", "ako", "mga", "toi", "anh", "chi", "con", "cua", "voi", "nao", "sou", "ele",
            "ela", "uma", "bem", "sim", "oui", "non", "pou", "nou", "yon", "pas");

    private final MaxentModel model;
    private final int crisisIndex;
    private final int urgentIndex;

    private RiskModel(MaxentModel model) {
        this.model = model;
        this.crisisIndex = model.getIndex(CRISIS);
        this.urgentIndex = model.getIndex(URGENT);
    }

    /** The model's reading of one text. */
    record Scores(double crisis, double urgentOrCrisis, double sentenceCrisis, double sentenceUrgentOrCrisis) {
    }

    static RiskModel train(List<TriageExample> examples) {
        List<Event> events = new ArrayList<>(examples.size());
        for (TriageExample example : examples) {
            events.add(new Event(outcome(example), features(example.text())));
        }
        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
        parameters.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
        parameters.put("L1Cost", L1_COST);
        parameters.put("L2Cost", L2_COST);
        try {
            return new RiskModel(TrainerFactory.getEventTrainer(parameters, new HashMap<>())
                    .train(ObjectStreamUtils.createObjectStream(events)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String outcome(TriageExample example) {
        return example.crisis() ? CRISIS : example.urgent() ? URGENT : NONE;
    }

    /**
     * The model's reading of the whole text and of each of its sentences, whichever is higher: a crisis written into
     * the middle of a records request ("…since after this weekend it won't matter") is outweighed by the request
     * when the text is read whole.
     */
    Scores score(String text) {
        double[] whole = scoreOne(text);
        double crisis = 0;
        double urgent = 0;
        for (String sentence : Sentences.of(text)) {
            double[] part = scoreOne(sentence);
            crisis = Math.max(crisis, part[0]);
            urgent = Math.max(urgent, part[1]);
        }
        return new Scores(whole[0], whole[1], crisis, urgent);
    }

    private double[] scoreOne(String text) {
        double[] outcomes = model.eval(features(text));
        double crisis = crisisIndex < 0 ? 0 : outcomes[crisisIndex];
        double urgent = urgentIndex < 0 ? 0 : outcomes[urgentIndex];
        return new double[] {crisis, crisis + urgent};
    }

    /**
     * The words of {@code text} that move the model furthest towards a crisis (or towards urgent, when {@code crisis}
     * is false): what the console highlights as this layer's reason. A word counts by what it says on its own, or by
     * what the message (or its most alarming sentence) loses without it: "dao" (knife) or "mato" (I kill) tells
     * little alone and much beside "toi giet no".
     */
    List<String> cues(String text, boolean crisis) {
        double base = pick(model.eval(new String[0]), crisis);
        List<String[]> contexts = new ArrayList<>();
        contexts.add(tokens(text));
        Sentences.of(text).stream().max(Comparator.comparingDouble(sentence -> pick(model.eval(features(sentence)),
                crisis))).ifPresent(sentence -> contexts.add(tokens(sentence)));
        Map<String, Double> lifts = new HashMap<>();
        for (String[] context : contexts) {
            double whole = pick(model.eval(features(context)), crisis);
            for (String word : new LinkedHashSet<>(List.of(context))) {
                if (!mayBeACue(word)) {
                    continue;
                }
                double alone = pick(model.eval(features(new String[] {word})), crisis) - base;
                double missed = context.length > MAX_CONTEXT_WORDS ? 0 : whole - pick(model.eval(features(
                        Arrays.stream(context).filter(other -> !other.equals(word)).toArray(String[]::new))), crisis);
                lifts.merge(word, Math.max(alone, missed), Math::max);
            }
        }
        return lifts.entrySet().stream().filter(lift -> lift.getValue() > 0.1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(MAX_CUES)
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Whether a word can tell anything on its own: not a mask or a mark, and, in Latin letters, not a short function
     * word ("too", "this", "toi") that the model leans on only because crisis messages are written in the first
     * person. Chinese, Korean, Arabic and Russian words are short and telling ("자살").
     */
    private static boolean mayBeACue(String word) {
        if (word.startsWith("_") || word.equals("#") || word.equals("?") || word.equals("$")) {
            return false;
        }
        if (Character.UnicodeScript.of(word.codePointAt(0)) != Character.UnicodeScript.LATIN) {
            return true;
        }
        return word.length() >= MIN_CUE_LENGTH && !FUNCTION_WORDS.contains(word);
    }

    private double pick(double[] outcomes, boolean crisis) {
        double crisisScore = crisisIndex < 0 ? 0 : outcomes[crisisIndex];
        return crisis ? crisisScore : crisisScore + (urgentIndex < 0 ? 0 : outcomes[urgentIndex]);
    }

    private static String[] features(String text) {
        return features(tokens(text));
    }

    private static String[] features(String[] tokens) {
        return TextGrams.of(tokens).toArray(String[]::new);
    }

    /** The words the model reads: the text's, less the crisis phrases a negation or a denial cancels. */
    private static String[] tokens(String text) {
        return ModelTokens.of(SignFinder.withoutDenied(text, CrisisSigns.PHRASES));
    }
}
