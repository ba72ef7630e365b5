package org.carerelay.shared.logging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks what looks like contact details or dates in free text bound for the logs. It is the second line of
 * defence: code logs ids and codes, never PHI, and this catches a value that slips in through an exception
 * message from a library. Names cannot be recognised by pattern, which is why the first line matters.
 */
public final class PhiRedactor {

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), "[email]"),
            new Rule(Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b"), "[ssn]"),
            new Rule(Pattern.compile("(?<![\\w-])\\+\\d{8,15}\\b"), "[phone]"),
            new Rule(Pattern.compile("(?<![\\w-])\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]?\\d{4}(?![\\w-])"), "[phone]"),
            // A bare date (a date of birth, typically); timestamps with a time part are kept.
            new Rule(Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b(?![T:\\d])"), "[date]"),
            new Rule(Pattern.compile("\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b"), "[date]"));

    private PhiRedactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (Rule rule : RULES) {
            redacted = rule.pattern().matcher(redacted).replaceAll(rule.replacement());
        }
        return redacted;
    }
}
