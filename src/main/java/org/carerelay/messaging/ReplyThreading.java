package org.carerelay.messaging;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What makes an e-mail a reply. The hub puts the Message-ID of the inbound e-mail {@code answers} in In-Reply-To
 * and References (RFC 5322 §3.6.4), so the patient's mail app shows one thread, and {@code replyToken} in the reply
 * address ({@code office+r-<token>@…}), so the answer comes back carrying it ({@link InboundThreading}). What the
 * token stands for is the requester's business; the hub only carries it. Either may be null; other channels than
 * e-mail ignore both.
 *
 * @param answers    the inbound message replied to (an e-mail of the same practice), or null
 * @param replyToken a token from {@link #newToken()}, or null for the practice's plain address
 */
public record ReplyThreading(UUID answers, String replyToken) {

    /** 26 characters of base 32 in lower case (130 random bits): mail software may lower-case an address. */
    public static final Pattern TOKEN = Pattern.compile("[a-z2-7]{26}");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    public ReplyThreading {
        if (replyToken != null && !TOKEN.matcher(replyToken).matches()) {
            throw new IllegalArgumentException("The reply token is not one of newToken()'s");
        }
    }

    /** A new opaque, unguessable token: no id, nothing about the patient. */
    public static String newToken() {
        StringBuilder token = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            token.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }
}
