package org.carerelay.messaging.template;

import java.text.Normalizer;
import java.util.Map;

/**
 * Keeps a text message in GSM-7 where a plain look-alike exists, as Twilio's Smart Encoding does: one character
 * outside the GSM 03.38 alphabet (an em dash, a curly quote, the "á" of a Spanish weekday) sends the whole text as
 * UCS-2, 70 characters a segment instead of 160. Dashes and quotes become their ASCII forms, and letters with an
 * accent GSM-7 lacks lose it ("sábado" → "sabado"; "é", "ñ", "ü" are in GSM-7 and stay). Anything else, an emoji
 * say, is left as it is and the text goes as UCS-2.
 */
public final class GsmFolding {

    private static final Map<Character, String> LOOK_ALIKES = Map.ofEntries(
            Map.entry('\u2014', "-"), Map.entry('\u2013', "-"), Map.entry('\u2012', "-"), Map.entry('\u2010', "-"),
            Map.entry('\u2011', "-"), Map.entry('\u2212', "-"), Map.entry('\u2018', "'"), Map.entry('\u2019', "'"),
            Map.entry('\u201A', "'"), Map.entry('\u2032', "'"), Map.entry('\u201C', "\""), Map.entry('\u201D', "\""),
            Map.entry('\u201E', "\""), Map.entry('\u00AB', "\""), Map.entry('\u00BB', "\""), Map.entry('\u2026', "..."),
            Map.entry('\u00A0', " "), Map.entry('\u2009', " "), Map.entry('\u202F', " "), Map.entry('\u2022', "-"),
            Map.entry('\u00B7', "-"));

    private GsmFolding() {
    }

    /** {@code text} with each character outside GSM-7 replaced by its look-alike, where it has one. */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder folded = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = SmsSegments.gsm(c) ? null : lookAlike(c);
            if (replacement != null && folded == null) {
                folded = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (folded != null) {
                folded.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return folded == null ? text : folded.toString();
    }

    private static String lookAlike(char c) {
        String known = LOOK_ALIKES.get(c);
        if (known != null) {
            return known;
        }
        String bare = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return !bare.isEmpty() && bare.chars().allMatch(ch -> SmsSegments.gsm((char) ch)) ? bare : null;
    }
}
