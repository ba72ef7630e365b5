package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A text cut into its sentences (and lines): at a full stop, question or exclamation mark followed by a space. */
final class Sentences {

    private static final Pattern BREAK = Pattern.compile("(?<=[.!?。！？])\\s+|\\n+");
    /** Shorter pieces say too little on their own ("Hi,", "Thanks.") and are read with the whole text only. */
    private static final int MIN_LENGTH = 12;

    private Sentences() {
    }

    static List<String> of(String text) {
        List<String> sentences = new ArrayList<>();
        for (String piece : BREAK.split(text)) {
            String sentence = piece.strip();
            if (sentence.length() >= MIN_LENGTH) {
                sentences.add(sentence);
            }
        }
        return sentences.size() > 1 ? sentences : List.of();
    }
}
