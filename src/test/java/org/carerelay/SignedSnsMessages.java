package org.carerelay;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.messaging.email.SnsSigningKeys;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

/**
 * Amazon SNS messages signed exactly as SNS signs them (SignatureVersion 2: SHA256withRSA over "name\nvalue\n"
 * pairs), with a key that tests importing {@link TrustedKey} trust in place of Amazon's certificate.
 */
public final class SignedSnsMessages {

    public static final KeyPair SNS_KEY = keyPair();
    public static final KeyPair OTHER_KEY = keyPair();
    static final String CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SignedSnsMessages() {
    }

    /** Makes the application trust {@link #SNS_KEY} as if it were Amazon's certificate. */
    @TestConfiguration
    public static class TrustedKey {
        @Bean
        @Primary
        SnsSigningKeys testSigningKeys() {
            return url -> SNS_KEY.getPublic();
        }
    }

    /** A Notification of {@code topic} carrying {@code message}, sent at {@code at}, signed with {@code key}. */
    public static String notification(String topic, String message, Instant at, KeyPair key) {
        Map<String, String> notification = new LinkedHashMap<>();
        notification.put("Type", "Notification");
        notification.put("MessageId", UUID.randomUUID().toString());
        notification.put("TopicArn", topic);
        notification.put("Message", message);
        notification.put("Timestamp", at.toString());
        return signed(notification, key);
    }

    public static String signed(Map<String, String> fields, KeyPair key) {
        List<String> order = fields.get("Type").equals("Notification")
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder toSign = new StringBuilder();
        for (String field : order) {
            if (fields.containsKey(field)) {
                toSign.append(field).append('\n').append(fields.get(field)).append('\n');
            }
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.getPrivate());
            signature.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
            Map<String, String> message = new LinkedHashMap<>(fields);
            message.put("SignatureVersion", "2");
            message.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
            message.put("SigningCertURL", CERT_URL);
            return JSON.writeValueAsString(message);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
