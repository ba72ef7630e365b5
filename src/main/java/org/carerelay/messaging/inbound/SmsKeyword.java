package org.carerelay.messaging.inbound;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keywords an SMS reply may be: opt out (CTIA's, Twilio's defaults and the FCC rule's words), opt back in,
 * or ask for help. The whole message must be the keyword, as carriers match it; case, surrounding spaces and
 * punctuation do not matter ("Stop.", " opt-out ").
 */
public enum SmsKeyword {
    OPT_OUT, OPT_IN, HELP;

    private static final Set<String> OPT_OUT_WORDS = Set.of("STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL",
            "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT");
    private static final Set<String> OPT_IN_WORDS = Set.of("START", "UNSTOP", "YES");
    private static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

    public static Optional<SmsKeyword> of(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String word = normalized(body);
        if (OPT_OUT_WORDS.contains(word)) {
            return Optional.of(OPT_OUT);
        }
        if (OPT_IN_WORDS.contains(word)) {
            return Optional.of(OPT_IN);
        }
        return HELP_WORDS.contains(word) ? Optional.of(HELP) : Optional.empty();
    }

    /**
     * CANCEL opts out like STOP (carriers and the FCC rule say so), but a patient answering a reminder with it may
     * mean the appointment: such a text also goes to the inbox, for staff to ask.
     */
    public static boolean mayMeanAppointment(String body) {
        return body != null && normalized(body).equals("CANCEL");
    }

    private static String normalized(String body) {
        return body.toUpperCase(Locale.ROOT)
                .replaceAll("[\\p{Punct}&&[^-]]", "")
                .replace('-', ' ')
                .trim()
                .replaceAll("\\s+", " ");
    }
}
