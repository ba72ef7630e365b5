package org.carerelay.inbox.triage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * The language a patient wrote in, as an ISO 639-1 code, or {@code "und"} when a text is too short to tell ("ok",
 * "C", "👍"). The script decides Chinese, Korean, Arabic and Russian at once; among the languages written in Latin
 * letters (English, Spanish, Vietnamese, Tagalog, Haitian Creole, Portuguese, French) a maximum entropy model over
 * the accented letters and character n-grams of the training corpus decides. Immutable once trained.
 */
final class Languages {

    static final String UNDETERMINED = "und";

    private static final double MIN_PROBABILITY = 0.5;
    private static final int MIN_LETTERS = 4;

    private final MaxentModel latin;

    private Languages(MaxentModel latin) {
        this.latin = latin;
    }

    static Languages train(List<TriageExample> examples) {
        List<Event> events = new ArrayList<>();
        for (TriageExample example : examples) {
            if (example.language() != null && byScript(example.text()) == null) {
                events.add(new Event(example.language(), features(example.text())));
            }
        }
        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
        parameters.put(TrainingParameters.ITERATIONS_PARAM, 100);
        parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
        try {
            return new Languages(TrainerFactory.getEventTrainer(parameters, new HashMap<>())
                    .train(ObjectStreamUtils.createObjectStream(events)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String of(String text) {
        String script = byScript(text);
        if (script != null) {
            return script;
        }
        if (text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            return UNDETERMINED;
        }
        double[] outcomes = latin.eval(features(text));
        int best = 0;
        for (int i = 1; i < outcomes.length; i++) {
            if (outcomes[i] > outcomes[best]) {
                best = i;
            }
        }
        return outcomes[best] >= MIN_PROBABILITY ? latin.getOutcome(best) : UNDETERMINED;
    }

    /** The language a script alone tells, when most of the text's letters are in it; null for Latin letters. */
    private static String byScript(String text) {
        Map<String, Integer> letters = new HashMap<>();
        int total = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                continue;
            }
            total++;
            String language = switch (Character.UnicodeScript.of(c)) {
                case HANGUL -> "ko";
                case HAN, HIRAGANA, KATAKANA -> "zh";
                case ARABIC -> "ar";
                case CYRILLIC -> "ru";
                default -> null;
            };
            if (language != null) {
                letters.merge(language, 1, Integer::sum);
            }
        }
        if (letters.containsKey("ko") && letters.get("ko") * 5 >= total) {
            return "ko"; // Korean mixes in Chinese characters; Chinese never has Hangul
        }
        for (Map.Entry<String, Integer> script : letters.entrySet()) {
            if (script.getValue() * 2 >= total) {
                return script.getKey();
            }
        }
        return null;
    }

    /** Words and their character 1- to 3-grams, accents kept: "não", "ỗ", "mwen", "ng" tell the language. */
    private static String[] features(String text) {
        List<String> features = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
            if (word.isEmpty()) {
                continue;
            }
            features.add("w=" + word);
            String padded = " " + word + " ";
            for (int n = 1; n <= 3; n++) {
                for (int start = 0; start + n <= padded.length(); start++) {
                    features.add(padded.substring(start, start + n));
                }
            }
        }
        return features.toArray(String[]::new);
    }
}
