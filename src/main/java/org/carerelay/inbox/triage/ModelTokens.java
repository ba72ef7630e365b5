package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.List;

/**
 * The words the category model sees: folded text cut at anything but letters and digits, apostrophes dropped
 * (don't becomes dont) and every number masked as {@code #} (10am becomes #am): a number says little about the
 * category and would only spread the corpus thin. Question marks, dollar signs and emoji stay, as tokens of their
 * own, because they do say something (a question, a bill, a thank-you).
 */
final class ModelTokens {

    static final String EMOJI = "_emoji_";

    private ModelTokens() {
    }

    static String[] of(String text) {
        String folded = FoldedText.of(text).folded();
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < folded.length()) {
            char c = folded.charAt(i);
            if (Character.isDigit(c)) {
                while (i < folded.length() && (Character.isDigit(folded.charAt(i)) || isNumberJoint(folded, i))) {
                    i++;
                }
                word.append('#');
                continue;
            }
            if (Character.isLetter(c)) {
                if (!word.isEmpty() && isIdeograph(c) != isIdeograph(word.charAt(word.length() - 1))) {
                    flush(word, tokens);
                }
                word.append(c);
            } else if (c == '\'' && !word.isEmpty()) {
                // inside a word: "don't", "i'm"
            } else {
                flush(word, tokens);
                if (c == '?' || c == '$' || c == '¿') {
                    tokens.add(c == '$' ? "$" : "?");
                } else if (Character.isSurrogate(c) || Character.getType(c) == Character.OTHER_SYMBOL) {
                    if (tokens.isEmpty() || !tokens.get(tokens.size() - 1).equals(EMOJI)) {
                        tokens.add(EMOJI);
                    }
                }
            }
            i++;
        }
        flush(word, tokens);
        return tokens.toArray(String[]::new);
    }

    /** Chinese and Japanese characters, which run on without spaces and never join a Latin word. */
    private static boolean isIdeograph(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    /** A point, comma, colon or slash between digits, as in 100.4, 10:30 or 150/95. */
    private static boolean isNumberJoint(String text, int i) {
        char c = text.charAt(i);
        return (c == '.' || c == ',' || c == ':' || c == '/') && i + 1 < text.length()
                && Character.isDigit(text.charAt(i + 1)) && i > 0 && Character.isDigit(text.charAt(i - 1));
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (!word.isEmpty()) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }
}
