package org.carerelay.messaging.email;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks that a message really comes from Amazon SNS: its certificate URL is an {@code sns.<region>.amazonaws.com}
 * HTTPS URL, and its signature (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA) verifies against that
 * certificate over SNS's string to sign: "name\nvalue\n" for the message's signed fields, in order, Subject only
 * when present.
 */
@Component
public class SnsMessageVerifier {

    private static final Pattern SNS_HOST = Pattern.compile("^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$");
    private static final Pattern CERTIFICATE_PATH = Pattern.compile("^/SimpleNotificationService-[0-9a-f]+\\.pem$");
    private static final List<String> NOTIFICATION = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> SUBSCRIPTION = List.of("Message", "MessageId", "SubscribeURL", "Timestamp",
            "Token", "TopicArn", "Type");

    private final SnsSigningKeys keys;

    public SnsMessageVerifier(SnsSigningKeys keys) {
        this.keys = keys;
    }

    public boolean verify(JsonNode message) {
        try {
            URI certificate = snsUrl(text(message, "SigningCertURL"));
            if (certificate == null || !CERTIFICATE_PATH.matcher(certificate.getPath()).matches()) {
                return false;
            }
            String algorithm = switch (text(message, "SignatureVersion")) {
                case "1" -> "SHA1withRSA";
                case "2" -> "SHA256withRSA";
                default -> null;
            };
            String type = text(message, "Type");
            if (algorithm == null || type == null) {
                return false;
            }
            List<String> fields = type.equals("Notification") ? NOTIFICATION : SUBSCRIPTION;
            StringBuilder signed = new StringBuilder();
            for (String field : fields) {
                String value = text(message, field);
                if (value != null) {
                    signed.append(field).append('\n').append(value).append('\n');
                }
            }
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(keys.forCertificate(certificate));
            signature.update(signed.toString().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(text(message, "Signature")));
        } catch (GeneralSecurityException | SecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** {@code url} when it is an HTTPS URL of Amazon SNS itself, else null. */
    public static URI snsUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && SNS_HOST.matcher(uri.getHost()).matches()
                    && uri.getUserInfo() == null && uri.getPort() == -1 ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode message, String field) {
        JsonNode value = message.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
