package org.carerelay.messaging.sms;

import java.util.Map;

import com.twilio.security.RequestValidator;

/**
 * Twilio's {@code X-Twilio-Signature}: Base64 HMAC-SHA1, keyed with the account's auth token, over the full URL
 * Twilio called and the form parameters sorted by name. Checked with twilio-java's own validator, which also
 * tries the URL with and without its port, as Twilio signs either.
 */
final class TwilioSignature {

    private TwilioSignature() {
    }

    static boolean valid(String authToken, String url, Map<String, String> params, String signature) {
        if (authToken == null || authToken.isBlank() || signature == null || signature.isBlank()) {
            return false;
        }
        return new RequestValidator(authToken).validate(url, params, signature);
    }
}
