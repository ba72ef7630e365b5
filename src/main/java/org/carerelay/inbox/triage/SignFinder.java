package org.carerelay.inbox.triage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@link SignPhrase}s in a text and keeps those that stand: not negated just before ("I'm <em>not</em>
 * suicidal", "<em>no</em> chest pain", "<em>sin</em> dolor de pecho"), not turned into something else by their
 * sentence, not a joke. Returns the patient's own words for each.
 */
final class SignFinder {

    /** How many words before a sign a negation may stand and still be about it. */
    private static final int NEGATION_REACH = 5;

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "dont", "doesnt", "didnt", "isnt",
            "arent", "wasnt", "werent", "havent", "hasnt", "hadnt", "wont", "wouldnt", "without", "denies", "deny",
            "denied", "nor", "neither", "nunca", "jamas", "ni", "sin", "tampoco", "niega", "ningun", "ninguna",
            // Portuguese, Vietnamese, Tagalog, French: the negation before a phrase of theirs
            "nao", "khong", "hindi", "jamais");

    /** Words that end the reach of a negation: what follows is a new thought ("I'm not ok <em>and</em> I want…"). */
    private static final Set<String> CLAUSE_WORDS = Set.of("but", "and", "so", "because", "just", "only", "though",
            "although", "pero", "y", "porque", "solo", "aunque", "sino");

    /** Negations that are not about what follows: "I don't know why I want to die", "no sé por qué…". */
    private static final List<List<String>> NOT_NEGATING = List.of(List.of("dont", "know"), List.of("not", "sure"),
            List.of("no", "se"), List.of("no", "puedo", "dejar"), List.of("no", "one"), List.of("no", "longer"));

    /**
     * Words that start what the sign belongs to: a negation before them is about something else ("I don't know
     * why <em>I</em> want to die", "ya no aguanto más, <em>quiero</em> quitarme la vida") unless it negates them
     * ("no quiero hacerme daño").
     */
    private static final Set<String> NEW_SUBJECT = Set.of("i", "im", "yo", "quiero", "want", "wanna");

    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.!?;,:\\n()]|\\s[-–]\\s");
    private static final Pattern SENTENCE_BREAK = Pattern.compile("[.!?;\\n]+(?=\\s|$)|\\n");
    private static final Pattern LAUGHTER = Pattern.compile(
            "\\b(lol+|lmao|lmfao|rofl|haha\\w*|hehe\\w*|jaja\\w*|jeje\\w*|kidding|joking|bromeando)\\b"
                    + "|[\\x{1F602}\\x{1F923}\\x{1F606}\\x{1F605}\\x{1F61C}\\x{1F61D}]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    /** A denial right after a sign: "thoughts of hurting myself - i dont", "any urges to cut? none". */
    private static final Pattern DENIED_AFTER = Pattern.compile("^[\\s,.;:!?)-]{0,4}(?:(?:i (?:don'?t|do not"
            + "|dont|haven'?t|have not|never)(?: (?:have|had) (?:any|them|it|those))?|none|nope|not really|not at all"
            + "|no(?:, never| i don'?t)?|nunca|ninguno|no (?:tengo|los tengo|he tenido))\\s*(?:[,.!;)]|$))");

    /** A time that puts a sign in the past. */
    private static final Pattern PAST = Pattern.compile("\\b(?:back in|in|since) (?:19|20)\\d\\d\\b"
            + "|\\b(?:\\d+|a few|a couple of|several|many|two|three|four|five|six|seven|eight|nine|ten|twenty)"
            + " (?:years?|yrs?|decades?) ago\\b|\\b(?:years|decades) ago\\b|\\b(?:in|during|back in) (?:high school"
            + "|college|my (?:teens|twenties|20s|youth))\\b|\\bas a (?:teen(?:ager)?|kid|young \\w+)\\b"
            + "|\\bhistory of\\b|\\bwhen i was (?:younger|a teen(?:ager)?|a kid|in (?:high school|college)|\\d+)\\b"
            + "|\\bhace (?:\\d+|unos|muchos|varios|dos|tres|cuatro|cinco|seis|siete|ocho|diez|veinte) anos\\b"
            + "|\\bde (?:joven|adolescente|nin[oa])\\b|\\bcuando (?:era|tenia)\\b");
    /** A statement of being well now. */
    private static final Pattern WELL_NOW = Pattern.compile("\\b(?:doing (?:really |very |so |pretty )?(?:well"
            + "|good|great|fine|better)|(?:been|am|i'?m|im|feel|feeling) (?:very |really |totally )?(?:stable|safe"
            + "|fine|ok|okay|good|well|great)|stable (?:for|since|now)|in recovery|nothing since|all good"
            + "|no (?:current |more |recent )?(?:thoughts|symptoms|urges|episodes)|(?:estoy|me siento|sigo) (?:muy )?"
            + "(?:bien|estable)|llevo (?:\\w+ )?anos bien|sin esos pensamientos|(?:ya )?estoy (?:recuperad[oa]|sano"
            + "|sana))\\b");

    private SignFinder() {
    }

    static List<String> find(FoldedText text, List<SignPhrase> phrases) {
        Set<String> found = new LinkedHashSet<>();
        String folded = text.folded();
        boolean joking = LAUGHTER.matcher(folded).find();
        for (SignPhrase phrase : phrases) {
            Matcher matcher = phrase.pattern().matcher(folded);
            while (matcher.find()) {
                if (stands(phrase, folded, matcher.start(), matcher.end(), joking)) {
                    found.add(text.phrase(matcher.start(), matcher.end()));
                }
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * {@code text} with every phrase that a negation or a denial cancels ("I'm <em>not suicidal</em>", "thoughts of
     * hurting myself - I don't") blanked out, for a reader that does not understand negation: the risk model would
     * otherwise read the word "suicidal" in a refill request as a crisis.
     */
    static String withoutDenied(String text, List<SignPhrase> phrases) {
        String folded = FoldedText.of(text).folded();
        char[] kept = null;
        for (SignPhrase phrase : phrases) {
            Matcher matcher = phrase.pattern().matcher(folded);
            while (matcher.find()) {
                if (negated(folded, matcher.start())
                        || DENIED_AFTER.matcher(folded.substring(matcher.end())).find()) {
                    kept = kept == null ? text.toCharArray() : kept;
                    java.util.Arrays.fill(kept, matcher.start(), matcher.end(), ' ');
                }
            }
        }
        return kept == null ? text : new String(kept);
    }

    private static boolean stands(SignPhrase phrase, String folded, int start, int end, boolean joking) {
        if (phrase.cancelledByLaughter() && joking) {
            return false;
        }
        if (negated(folded, start) || DENIED_AFTER.matcher(folded.substring(end)).find()) {
            return false;
        }
        if (phrase.cancelledByRecovery() && PAST.matcher(sentence(folded, start, end)).find()
                && WELL_NOW.matcher(folded).find()) {
            return false;
        }
        if (phrase.unlessInMessage() != null && phrase.unlessInMessage().matcher(folded).find()) {
            return false;
        }
        return phrase.unless() == null || !phrase.unless().matcher(sentence(folded, start, end)).find();
    }

    /** Whether a negation stands within reach before {@code start}, in the same clause. */
    static boolean negated(String folded, int start) {
        String before = folded.substring(0, start);
        Matcher breaks = CLAUSE_BREAK.matcher(before);
        int clauseStart = 0;
        while (breaks.find()) {
            clauseStart = breaks.end();
        }
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(before.substring(clauseStart));
        while (word.find()) {
            words.add(word.group().replace("'", ""));
        }
        for (int i = words.size() - 1; i >= 0 && i >= words.size() - NEGATION_REACH; i--) {
            String w = words.get(i);
            if (CLAUSE_WORDS.contains(w)) {
                return false;
            }
            if (NEGATIONS.contains(w) && !notNegating(words, i)) {
                return true;
            }
            if (NEW_SUBJECT.contains(w)) {
                return i > 0 && NEGATIONS.contains(words.get(i - 1)) && !notNegating(words, i - 1);
            }
        }
        return false;
    }

    private static boolean notNegating(List<String> words, int at) {
        for (List<String> phrase : NOT_NEGATING) {
            if (at + phrase.size() <= words.size()
                    && words.subList(at, at + phrase.size()).equals(phrase)) {
                return true;
            }
        }
        return false;
    }

    private static String sentence(String folded, int start, int end) {
        int from = 0;
        Matcher breaks = SENTENCE_BREAK.matcher(folded);
        int to = folded.length();
        while (breaks.find()) {
            if (breaks.end() <= start) {
                from = breaks.end();
            } else if (breaks.start() >= end) {
                to = breaks.start();
                break;
            }
        }
        return folded.substring(from, to);
    }
}
