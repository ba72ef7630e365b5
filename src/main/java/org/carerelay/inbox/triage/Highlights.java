package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.List;

/**
 * A message's text cut into pieces, the words its triage signals read marked with the strongest flag that read
 * them, for the console to show with {@code <mark>} (each piece escaped as text, never as markup).
 *
 * <p>The rules quote the patient's words as written; the model's words are folded as it reads them (lower case, no
 * accents, no apostrophes: "Tôi" is "toi", "don't" is "dont"). Both are found in the text folded the same way,
 * whole words only (a model's "end" is not the end of "friend"), except in scripts written without spaces.
 */
public final class Highlights {

    /**
     * A run of the text.
     *
     * @param marked whether triage read these words
     * @param flag   the strongest flag that read them ({@code crisis}, {@code possible} or {@code urgent}); null when
     *               not marked
     */
    public record Piece(String text, boolean marked, String flag) {
    }

    private static final List<String> STRENGTH = List.of("urgent", "possible", "crisis");

    private Highlights() {
    }

    /** The pieces of {@code text}, in order; one unmarked piece when no signal's words are found in it. */
    public static List<Piece> of(String text, List<TriageSignal> signals) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Folded folded = Folded.of(text);
        int[] strength = new int[text.length()];
        for (TriageSignal signal : signals == null ? List.<TriageSignal>of() : signals) {
            int flag = STRENGTH.indexOf(signal.flag()) + 1;
            for (String word : signal.words()) {
                mark(folded, word, Math.max(flag, 1), strength);
            }
        }
        List<Piece> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || strength[i] != strength[start]) {
                pieces.add(new Piece(text.substring(start, i), strength[start] > 0,
                        strength[start] > 0 ? STRENGTH.get(strength[start] - 1) : null));
                start = i;
            }
        }
        return pieces;
    }

    private static void mark(Folded text, String word, int flag, int[] strength) {
        String sought = Folded.of(word.strip()).text();
        if (sought.isEmpty() || sought.contains("#")) {
            return; // a model's masked number: not a word of the text
        }
        for (int at = text.text().indexOf(sought); at >= 0; at = text.text().indexOf(sought, at + 1)) {
            int end = at + sought.length();
            if (bounded(text.text(), at, end)) {
                for (int i = text.start(at); i < text.end(end - 1); i++) {
                    strength[i] = Math.max(strength[i], flag);
                }
            }
        }
    }

    /** Whether the text from start to end stands as whole words: no letter or digit runs on at either edge. */
    private static boolean bounded(String text, int start, int end) {
        return edge(text, start - 1, start) && edge(text, end, end - 1);
    }

    private static boolean edge(String text, int outside, int inside) {
        if (outside < 0 || outside >= text.length()) {
            return true;
        }
        char out = text.charAt(outside);
        char in = text.charAt(inside);
        return !Character.isLetterOrDigit(out) || !Character.isLetterOrDigit(in) || unspaced(out) || unspaced(in);
    }

    /** Chinese, Japanese and Thai run their words on without spaces: any place is a word's edge. */
    private static boolean unspaced(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI;
    }

    /**
     * A text folded as the model reads it, apostrophes dropped, with where each of its characters is in the
     * original: {@code start(i)} is the original offset of folded character i, {@code end(i)} the offset after it.
     */
    private record Folded(String text, int[] offsets) {

        static Folded of(String original) {
            String folded = FoldedText.of(original).folded();
            StringBuilder text = new StringBuilder(folded.length());
            int[] offsets = new int[folded.length()];
            for (int i = 0; i < folded.length(); i++) {
                if (folded.charAt(i) == '\'' && i > 0 && Character.isLetter(folded.charAt(i - 1))) {
                    continue; // inside a word: "don't", "i'm", as the model reads them
                }
                offsets[text.length()] = i;
                text.append(folded.charAt(i));
            }
            return new Folded(text.toString(), offsets);
        }

        int start(int i) {
            return offsets[i];
        }

        int end(int i) {
            return offsets[i] + 1;
        }
    }
}
