package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.List;

/**
 * The pieces of a text a statistical layer reads across languages and spellings: each word, each pair of
 * neighbouring words, and the character 3- to 5-grams of every word padded with its edges ("kil myslef" still shares
 * "<kil", "mys", "self" with "kill myself"). Chinese and Japanese are written without spaces, so a run of their
 * characters gives each character and each pair and triple of neighbours instead of one long "word".
 */
final class TextGrams {

    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;

    private TextGrams() {
    }

    static List<String> of(String[] tokens) {
        List<String> grams = new ArrayList<>(tokens.length * 12);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (isWrittenWithoutSpaces(token)) {
                addCharacterRun(token, grams);
                continue;
            }
            grams.add("w=" + token);
            if (i + 1 < tokens.length) {
                grams.add("b=" + token + "_" + tokens[i + 1]);
            }
            if (token.length() >= 2 && !token.startsWith("_")) {
                String padded = "<" + token + ">";
                for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
                    for (int start = 0; start + n <= padded.length(); start++) {
                        grams.add("c=" + padded.substring(start, start + n));
                    }
                }
            }
        }
        return grams;
    }

    private static void addCharacterRun(String run, List<String> grams) {
        int[] characters = run.codePoints().toArray();
        for (int i = 0; i < characters.length; i++) {
            grams.add("h=" + Character.toString(characters[i]));
            if (i + 1 < characters.length) {
                grams.add("h=" + new String(characters, i, 2));
            }
            if (i + 2 < characters.length) {
                grams.add("h=" + new String(characters, i, 3));
            }
        }
    }

    static boolean isWrittenWithoutSpaces(String token) {
        int first = token.codePointAt(0);
        Character.UnicodeScript script = Character.UnicodeScript.of(first);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }
}
