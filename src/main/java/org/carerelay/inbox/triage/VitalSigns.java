package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Urgent signs that are numbers, read over {@link FoldedText folded} text: a blood glucose of 400 or more or 54 or
 * less, a blood pressure of 180 systolic or 120 diastolic, a fever of 104 °F / 40 °C, any fever in a baby in its
 * first three months (or called a baby, whatever its age) and one of 102 °F / 38.9 °C up to a year.
 */
final class VitalSigns {

    private static final Pattern GLUCOSE = Pattern.compile("\\b(?:blood sugar|sugar|glucose|bg|azucar|glucosa)"
            + "(?: level| reading)?s? (?:\\w+ ){0,3}?(\\d{2,3})\\b");
    private static final Pattern METER_HIGH = Pattern.compile("\\b(?:meter|glucometer|monitor|reading|glucometro)"
            + " (?:says|reads|shows|dice|marca) \"?hi\"?\\b");
    private static final Pattern PRESSURE = Pattern.compile("\\b(\\d{2,3}) ?/ ?(\\d{2,3})\\b");
    private static final Pattern PRESSURE_WORDS = Pattern.compile("\\b(?:pressure|bp|presion)\\b");
    private static final Pattern HIGH_FEVER = Pattern.compile("\\b(?:fever|temp|temperature|fiebre|temperatura"
            + "|calentura)(?: \\w+){0,3}? (10[4-9]|4[0-2])(?:[.,]\\d)?\\b"
            + "|\\b(10[4-9]|4[0-2])(?:[.,]\\d)? ?(?:degrees|grados|°|º)? ?(?:f|c)?\\b(?= (?:fever|fiebre))");
    private static final Pattern FEVER = Pattern.compile("\\b(?:fever|febrile|temp|temperature|thermometer"
            + "|feels? (?:very |really |so )?(?:hot|warm)|fiebre|temperatura|calentura|(?:muy )?caliente)\\b"
            + "|\\b(?:100[.,][4-9]|10[1-6](?:[.,]\\d)?|3[89][.,]\\d|3[89]|4[01])"
            + "\\s*(?:°|º|f\\b|c\\b|grados|degrees)");
    /** A baby in its first months: any fever is urgent. */
    private static final Pattern YOUNG_BABY = Pattern.compile("\\b(?:newborn|new born|infant|recien nacid[oa]"
            + "|baby|babies|bebe|bebito|bebita)\\b"
            + "|\\b\\d{1,2}[ -]?(?:day|days|week|weeks|wk|wks)[ -]old\\b"
            + "|\\b[0-3][ -]?(?:month|months|mo|mos)[ -]old\\b"
            + "|\\bde \\d{1,2} (?:dias|semanas)\\b|\\bde [0-3] (?:mes|meses)\\b");

    /** A baby of four months to a year: a fever of 102 °F / 38.9 °C or more is urgent. */
    private static final Pattern OLDER_BABY = Pattern.compile(
            "\\b(?:[4-9]|1[0-2])[ -]?(?:month|months|mo|mos)[ -]old\\b|\\bde (?:[4-9]|1[0-2]) meses\\b");
    private static final Pattern INFANT_HIGH_FEVER = Pattern.compile("\\b(?:fever|temp|temperature|fiebre"
            + "|temperatura|calentura)(?: \\w+){0,3}? (10[2-9]|39|4[0-2])(?:[.,]\\d)?\\b"
            + "|\\b38[.,]9\\b");

    private VitalSigns() {
    }

    static List<String> find(FoldedText text) {
        String folded = text.folded();
        List<String> found = new ArrayList<>();
        Matcher glucose = GLUCOSE.matcher(folded);
        while (glucose.find()) {
            int value = Integer.parseInt(glucose.group(1));
            if ((value >= 400 || value <= 54) && !SignFinder.negated(folded, glucose.start())) {
                found.add(text.phrase(glucose.start(), glucose.end()));
            }
        }
        addAll(found, text, METER_HIGH);
        if (PRESSURE_WORDS.matcher(folded).find()) {
            Matcher pressure = PRESSURE.matcher(folded);
            while (pressure.find()) {
                int systolic = Integer.parseInt(pressure.group(1));
                int diastolic = Integer.parseInt(pressure.group(2));
                if (systolic > diastolic && (systolic >= 180 || diastolic >= 120)) {
                    found.add(text.phrase(pressure.start(), pressure.end()));
                }
            }
        }
        addAll(found, text, HIGH_FEVER);
        Matcher olderBaby = OLDER_BABY.matcher(folded);
        if (olderBaby.find()) {
            Matcher fever = INFANT_HIGH_FEVER.matcher(folded);
            if (fever.find() && !SignFinder.negated(folded, fever.start())) {
                found.add(text.phrase(olderBaby.start(), olderBaby.end()));
                found.add(text.phrase(fever.start(), fever.end()));
            }
        }
        Matcher baby = YOUNG_BABY.matcher(folded);
        if (baby.find()) {
            Matcher fever = FEVER.matcher(folded);
            while (fever.find()) {
                if (!SignFinder.negated(folded, fever.start())) {
                    found.add(text.phrase(baby.start(), baby.end()));
                    found.add(text.phrase(fever.start(), fever.end()));
                    break;
                }
            }
        }
        return found;
    }

    private static void addAll(List<String> found, FoldedText text, Pattern pattern) {
        Matcher matcher = pattern.matcher(text.folded());
        while (matcher.find()) {
            if (!SignFinder.negated(text.folded(), matcher.start())) {
                found.add(text.phrase(matcher.start(), matcher.end()));
            }
        }
    }
}
