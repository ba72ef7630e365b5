package org.carerelay.messaging.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds where a reply's own words end: at the quoted history a mail program appends ("On … wrote:", "El …
 * escribió:", an Outlook "From: … Sent:" block, "-----Original Message-----", lines quoted with "&gt;") or at the
 * signature ("-- ", "Sent from my iPhone"). What comes after is kept with the message, only hidden from previews.
 */
final class QuotedHistory {

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(on\\s.+\\swrote:|el\\s.+\\sescribi[oó]:|le\\s.+\\sa\\s[ée]crit\\s?:)\\s*$", Pattern.CASE_INSENSITIVE);
    /** The first line of an attribution a mail program wrapped ("On Mon, … Megan One &lt;x@y&gt;" / "wrote:"). */
    private static final Pattern ATTRIBUTION_START = Pattern.compile("^(on|el)\\s.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTION_END = Pattern.compile("^.*(wrote|escribi[oó]):\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATOR = Pattern.compile(
            "^\\s*-{2,}\\s*(original message|mensaje original|forwarded message|mensaje reenviado)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_BLOCK = Pattern.compile("^\\*?(from|de):\\*?\\s.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_FOLLOWER = Pattern.compile("^\\*?(sent|date|to|enviado|fecha|para):\\*?\\s.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGNATURE = Pattern.compile(
            "^(--\\s?|sent from my .+|enviado desde mi .+|get outlook for .+)$", Pattern.CASE_INSENSITIVE);

    private QuotedHistory() {
    }

    /** The sender's own words: {@code text} up to the first quote or signature, trimmed. */
    static String reply(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            boolean wrappedAttribution = ATTRIBUTION_START.matcher(line).matches() && i + 1 < lines.length
                    && ATTRIBUTION_END.matcher(lines[i + 1].strip()).matches();
            boolean headerBlock = HEADER_BLOCK.matcher(line).matches() && i + 1 < lines.length
                    && HEADER_FOLLOWER.matcher(lines[i + 1].strip()).matches();
            if (ATTRIBUTION.matcher(line).matches() || wrappedAttribution || SEPARATOR.matcher(line).matches()
                    || headerBlock || line.startsWith(">") || SIGNATURE.matcher(lines[i]).matches()
                    || SIGNATURE.matcher(line).matches() && !line.isEmpty()) {
                break;
            }
            kept.add(lines[i]);
        }
        String reply = String.join("\n", kept).strip();
        return reply.isEmpty() ? text.strip() : reply;
    }
}
