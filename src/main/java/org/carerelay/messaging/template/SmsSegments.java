package org.carerelay.messaging.template;

/**
 * How many SMS segments a text takes (3GPP TS 23.038): GSM-7 when every character is in the GSM 03.38 default
 * alphabet or its extension table (extension characters count twice), 160 characters in one segment or 153 per
 * segment when concatenated; otherwise UCS-2, 70 or 67 UTF-16 units.
 */
public record SmsSegments(String encoding, int units, int segments) {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    /** Whether {@code c} is in the GSM 03.38 default alphabet or its extension table. */
    static boolean gsm(char c) {
        return GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0;
    }

    public static SmsSegments of(String text) {
        int gsmUnits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                gsmUnits += 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                gsmUnits += 2;
            } else {
                int units = text.length();
                return new SmsSegments("UCS-2", units, units <= 70 ? 1 : (units + 66) / 67);
            }
        }
        return new SmsSegments("GSM-7", gsmUnits, gsmUnits <= 160 ? 1 : (gsmUnits + 152) / 153);
    }
}
