package org.carerelay.messaging.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What places an e-mail in its thread (RFC 5322 §3.6.4) and brings the answer back: our {@code Message-ID}
 * ({@code <delivery id@sender domain>}), and for a reply the patient's ids in {@code In-Reply-To} and
 * {@code References}, and the reply address. Each is null when absent; other channels have none.
 */
public record ThreadHeaders(String messageId, String inReplyTo, String references, String replyTo) {

    public static final ThreadHeaders NONE = new ThreadHeaders(null, null, null, null);

    /** Message-ID, In-Reply-To and References, those present, in that order (Reply-To is an address: apart). */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (messageId != null) {
            headers.put("Message-ID", messageId);
        }
        if (inReplyTo != null) {
            headers.put("In-Reply-To", inReplyTo);
        }
        if (references != null) {
            headers.put("References", references);
        }
        return headers;
    }
}
