package org.carerelay.identity;

import java.util.Locale;

/**
 * One-time recovery codes, for a staff member who lost their authenticator: ten characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L), shown as two groups of five ("K7M2Q-XW9RT"), 50 bits each.
 */
final class RecoveryCodes {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private RecoveryCodes() {
    }

    static String next() {
        StringBuilder code = new StringBuilder(11);
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(Secrets.below(ALPHABET.length())));
        }
        return code.toString();
    }

    /** As typed: any case, with or without the dash or spaces. */
    static String normalize(String typed) {
        return typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    static boolean looksLikeOne(String typed) {
        return typed != null && normalize(typed).matches("[" + ALPHABET + "]{10}");
    }
}
