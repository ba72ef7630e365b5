package org.carerelay.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.carerelay.inbox.Conversation;
import org.carerelay.inbox.triage.Highlights;
import org.carerelay.inbox.triage.TriageSignal;

/**
 * A message of the open conversation as the console shows it: its text in pieces with the words triage read marked,
 * a badge for each layer that raised a flag, the language when it is not the practice's, and the reasons left
 * once the badges say the rest. Staff without clinical access get none of the explanation (the inbox leaves the
 * signals out for them).
 *
 * @param pieces       the text, cut where the marks start and end; empty when the viewer may not read it
 * @param badges       "crisis · rules", "possible crisis · model 0.42", "urgent · vitals"…
 * @param language     the language's ISO 639-1 code, when shown
 * @param languageName the language's name in itself ("Español", "Tiếng Việt"), when shown
 * @param reasons      the triage's other reasons (the category's), or all of them when the message has no signals
 */
record ThreadMessage(Conversation.Entry entry, List<Highlights.Piece> pieces, List<Badge> badges, String language,
        String languageName, List<String> reasons) {

    private static final Pattern FLAG_REASON = Pattern.compile("^(crisis|possible crisis|urgent)\\b.*");

    /**
     * A layer's flag.
     *
     * @param flag  crisis, possible or urgent: the badge's colour
     * @param words the patient's words it read, for a screen reader (the text shows them marked)
     */
    record Badge(String label, String flag, String words) {
    }

    /** The entry as shown to a practice whose default language is {@code practiceLanguage}. */
    static ThreadMessage of(Conversation.Entry entry, String practiceLanguage) {
        List<TriageSignal> signals = entry.signals() == null ? List.of() : entry.signals();
        List<Highlights.Piece> pieces = entry.text() == null ? List.of() : Highlights.of(entry.text(), signals);
        List<Badge> badges = signals.stream().map(ThreadMessage::badge).toList();
        String language = shownLanguage(entry.language(), practiceLanguage);
        List<String> reasons = entry.reasons() == null ? List.of() : entry.signals() == null ? entry.reasons()
                : entry.reasons().stream().filter(reason -> !FLAG_REASON.matcher(reason).matches()).toList();
        return new ThreadMessage(entry, pieces, badges, language, language == null ? null : name(language), reasons);
    }

    private static Badge badge(TriageSignal signal) {
        String flag = signal.flag().equals("possible") ? "possible crisis" : signal.flag();
        String layer = signal.probability() == null ? signal.layer() : signal.layer() + " "
                + BigDecimal.valueOf(signal.probability()).setScale(2, RoundingMode.HALF_UP).toPlainString();
        return new Badge(flag + " · " + layer, signal.flag(), String.join(", ", signal.words().stream()
                .map(word -> "“" + word + "”").toList()));
    }

    /** A detected language other than English and the practice's own; null otherwise, or when unknown. */
    private static String shownLanguage(String language, String practiceLanguage) {
        if (language == null || language.equals("und") || language.equals("en")
                || language.equals(practiceLanguage)) {
            return null;
        }
        return language;
    }

    /** The language's name as its speakers write it, capitalized as a label; the code when Java does not know it. */
    private static String name(String code) {
        Locale locale = Locale.forLanguageTag(code);
        String name = locale.getDisplayLanguage(locale);
        if (name.isEmpty() || name.equals(code)) {
            return code;
        }
        return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }
}
