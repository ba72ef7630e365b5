package org.carerelay.inbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/**
 * Ranks the patients an unmatched message may be from: those who hold the sender's address (a family phone) and
 * those whose names resemble the names in the message (its signature, "this is Ana Lopez", an e-mail's display
 * name), by Jaro-Winkler similarity, with a date of birth written in the message as strong evidence. Staff
 * confirm; nothing is ever attached on a guess.
 */
@Component
class MatchSuggestions {

    static final int SHOWN = 5;
    /** Below this a name resemblance is noise. */
    static final double NAME_THRESHOLD = 0.88;
    private static final int CANDIDATES = 500;
    private static final Pattern WORD = Pattern.compile("\\p{Lu}[\\p{L}'-]+");
    private static final Pattern DATE = Pattern.compile(
            "\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b|\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    /** Capitalized words that are not names: sentence starts, greetings, days, months. */
    private static final Set<String> NOT_NAMES = Set.of("hi", "hello", "hey", "dear", "this", "is", "my", "i", "im",
            "the", "thanks", "thank", "please", "can", "could", "would", "will", "yes", "no", "ok", "okay", "hola",
            "buenos", "buenas", "gracias", "por", "favor", "soy", "mi", "el", "la", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "dr", "doctor", "regards", "best", "sent", "from", "iphone");

    private final Patients patients;
    private final JaroWinklerSimilarity similarity = new JaroWinklerSimilarity();

    MatchSuggestions(Patients patients) {
        this.patients = patients;
    }

    /**
     * @param holders     the patients who hold the sender's address (possibly several)
     * @param senderName  the display name the message came with (an e-mail's From), or null
     */
    List<MatchSuggestion> rank(PracticeId practice, List<PatientId> holders, String text, String senderName) {
        List<String> names = names(text + " " + (senderName == null ? "" : senderName));
        Set<LocalDate> dates = dates(text);
        Map<PatientId, Patient> candidates = new LinkedHashMap<>(patients.findAll(practice, holders));
        patients.namedLike(practice, names.stream().map(name -> name.substring(0, 2)).toList(), CANDIDATES)
                .forEach(patient -> candidates.putIfAbsent(patient.id(), patient));
        List<MatchSuggestion> suggestions = new ArrayList<>();
        for (Patient patient : candidates.values()) {
            List<String> reasons = new ArrayList<>();
            double score = 0;
            if (holders.contains(patient.id())) {
                reasons.add("holds this address");
                score += 0.3;
            }
            double given = best(patient.givenName(), names);
            double family = best(patient.familyName(), names);
            if (given >= NAME_THRESHOLD) {
                reasons.add("given name");
                score += 0.3 * given;
            }
            if (family >= NAME_THRESHOLD) {
                reasons.add("family name");
                score += 0.3 * family;
            }
            if (dates.contains(patient.dateOfBirth())) {
                reasons.add("date of birth in the message");
                score += 0.4;
            }
            boolean named = given >= NAME_THRESHOLD || family >= NAME_THRESHOLD;
            if (holders.contains(patient.id()) || named) {
                suggestions.add(new MatchSuggestion(patient.id(), patient.givenName() + " " + patient.familyName(),
                        patient.dateOfBirth(), Math.min(1.0, score), reasons));
            }
        }
        suggestions.sort(Comparator.comparingDouble(MatchSuggestion::score).reversed());
        return suggestions.subList(0, Math.min(SHOWN, suggestions.size()));
    }

    private double best(String name, List<String> words) {
        String normalized = name.toLowerCase(Locale.ROOT);
        return words.stream().mapToDouble(word -> similarity.apply(normalized, word.toLowerCase(Locale.ROOT)))
                .max().orElse(0);
    }

    /** The capitalized words of the text that could be names. */
    static List<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            String word = words.group();
            if (!NOT_NAMES.contains(word.toLowerCase(Locale.ROOT).replace("'", ""))) {
                names.add(word);
            }
        }
        return List.copyOf(names);
    }

    /** Dates written in the text as M/D/YYYY or YYYY-MM-DD. */
    static Set<LocalDate> dates(String text) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        Matcher found = DATE.matcher(text);
        while (found.find()) {
            try {
                dates.add(found.group(4) != null ? LocalDate.parse(found.group(4))
                        : LocalDate.of(Integer.parseInt(found.group(3)), Integer.parseInt(found.group(1)),
                                Integer.parseInt(found.group(2))));
            } catch (java.time.DateTimeException e) {
                // not a date after all (13/45/2020)
            }
        }
        return dates;
    }
}
