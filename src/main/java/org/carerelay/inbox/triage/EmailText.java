package org.carerelay.inbox.triage;

import java.util.regex.Pattern;

/**
 * The new part of an e-mail: quoted lines ("> …") and the history under "On … wrote:" are the conversation so far,
 * whose words (often the practice's own) would otherwise decide the triage of the reply.
 */
final class EmailText {

    private static final Pattern HISTORY = Pattern.compile(
            "(?im)^\\s*(?:on .{1,200}wrote:|el .{1,200}escribi[oó]:|-{2,}\\s*original message\\s*-{2,}"
                    + "|-{2,}\\s*mensaje original\\s*-{2,}|from: .+)\\s*$");

    private EmailText() {
    }

    static String newPart(String email) {
        var history = HISTORY.matcher(email);
        String text = history.find() && history.start() > 0 ? email.substring(0, history.start()) : email;
        String withoutQuotes = text.lines().filter(line -> !line.stripLeading().startsWith(">"))
                .reduce((a, b) -> a + "\n" + b).orElse("");
        return withoutQuotes.isBlank() ? email : withoutQuotes;
    }
}
