package org.carerelay.inbox.triage;

import java.text.Normalizer;

/**
 * A text lower-cased and stripped of accents character by character ("Tomé" → "tome", "I’m" → "i'm"), so that
 * patients who write without accents or capitals match the same rules, and an offset in the folded text is the
 * same offset in the original: a rule's reason quotes the patient's own words.
 */
record FoldedText(String original, String folded) {

    static FoldedText of(String text) {
        char[] folded = new char[text.length()];
        for (int i = 0; i < text.length(); i++) {
            folded[i] = fold(text.charAt(i));
        }
        return new FoldedText(text, new String(folded));
    }

    /** The original words at the folded text's {@code start}..{@code end}. */
    String phrase(int start, int end) {
        return original.substring(start, end).strip();
    }

    private static char fold(char c) {
        char lower = Character.toLowerCase(c);
        if (lower < 128) {
            return lower;
        }
        switch (lower) {
            case '\u2018', '\u2019', '\u02bc', '\u00b4' -> {
                return '\'';
            }
            case '\u201c', '\u201d' -> {
                return '"';
            }
            case '\u00a0' -> {
                return ' ';
            }
            default -> {
                Character.UnicodeScript script = Character.UnicodeScript.of(lower);
                if (script == Character.UnicodeScript.HANGUL || script == Character.UnicodeScript.CYRILLIC) {
                    // A Hangul syllable decomposes into its letters, and й into и: not accents but other letters.
                    return lower;
                }
                char base = Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD).charAt(0);
                return Character.isLetter(base) ? base : lower;
            }
        }
    }
}
