package org.carerelay.messaging.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A template's text for each channel. {@code phiAllowed}: the template may carry clinical detail (variables
 * under {@code clinical.}), which then goes by SMS or email only to patients who consented to PHI on it.
 */
public record TemplateParts(String emailSubject, String emailText, String emailHtml, String sms, String inAppTitle,
        String inAppBody, boolean phiAllowed) {

    /** The parts by name, as errors and previews name them ({@code email.subject}, {@code sms}, …). */
    public Map<String, String> named() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("email.subject", emailSubject);
        parts.put("email.text", emailText);
        parts.put("email.html", emailHtml);
        parts.put("sms", sms);
        parts.put("in-app.title", inAppTitle);
        parts.put("in-app.body", inAppBody);
        return parts;
    }

    /**
     * Reads the file format of the shipped defaults: optional {@code phi-allowed: true} before the first part,
     * then each part after a line {@code === <name>}.
     */
    static TemplateParts parse(String file) {
        Map<String, StringBuilder> parts = new LinkedHashMap<>();
        StringBuilder current = null;
        boolean phiAllowed = false;
        for (String line : file.split("\n", -1)) {
            if (line.startsWith("=== ")) {
                current = new StringBuilder();
                parts.put(line.substring(4).trim(), current);
            } else if (current != null) {
                current.append(line).append('\n');
            } else if (line.trim().equals("phi-allowed: true")) {
                phiAllowed = true;
            }
        }
        return new TemplateParts(part(parts, "email.subject"), part(parts, "email.text"), part(parts, "email.html"),
                part(parts, "sms"), part(parts, "in-app.title"), part(parts, "in-app.body"), phiAllowed);
    }

    private static String part(Map<String, StringBuilder> parts, String name) {
        StringBuilder part = parts.get(name);
        return part == null ? null : part.toString().strip();
    }
}
