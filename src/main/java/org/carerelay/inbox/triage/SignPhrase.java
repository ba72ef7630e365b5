package org.carerelay.inbox.triage;

import java.util.regex.Pattern;

/**
 * One way of writing a crisis or urgent sign, as a regular expression over {@link FoldedText folded} text, with
 * what cancels it besides a negation just before it ("<em>not</em> suicidal", which {@link SignFinder} reads for
 * every phrase).
 *
 * @param pattern  the sign itself
 * @param unless   words in the same sentence that make it something else ("cut myself <em>shaving</em>",
 *                 "<em>warns about</em> suicidal thoughts"), or null
 * @param unlessInMessage words anywhere in the message that do ("This is goodbye. <em>I'm moving</em> to Texas"),
 *                 or null
 * @param cancelledByLaughter whether laughter in the message cancels it ("I'll kill him lol")
 * @param cancelledByRecovery whether a past time and a statement of being well now cancel it
 */
record SignPhrase(Pattern pattern, Pattern unless, Pattern unlessInMessage, boolean cancelledByLaughter,
        boolean cancelledByRecovery) {

    static SignPhrase of(String regex) {
        return new SignPhrase(compile(regex), null, null, false, false);
    }

    SignPhrase unless(String regex) {
        return new SignPhrase(pattern, compile(regex), unlessInMessage, cancelledByLaughter, cancelledByRecovery);
    }

    SignPhrase unlessInMessage(String regex) {
        return new SignPhrase(pattern, unless, compile(regex), cancelledByLaughter, cancelledByRecovery);
    }

    SignPhrase jokeable() {
        return new SignPhrase(pattern, unless, unlessInMessage, true, cancelledByRecovery);
    }

    /**
     * Cancelled when its sentence puts it in the past ("an attempt back in 2017", "hace 6 años") and the message
     * says the writer is well now ("stable for years", "estoy bien"): history, not a crisis.
     */
    SignPhrase historyWhenWell() {
        return new SignPhrase(pattern, unless, unlessInMessage, cancelledByLaughter, true);
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CASE);
    }
}
