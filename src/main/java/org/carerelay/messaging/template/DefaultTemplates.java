package org.carerelay.messaging.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The templates shipped with CareRelay, under {@code message-templates/<key>/<language>.hbs}, each with a sample
 * context ({@code sample.json}) for previews and for checking edits. They are version 0 of every practice's
 * templates until the practice saves its own.
 */
public final class DefaultTemplates {

    /** The templates for patients' messages, with a part for every channel. */
    public static final List<String> KEYS = List.of("appointment-confirmation", "appointment-reminder",
            "appointment-reminder-short", "appointment-confirmed", "appointment-cancelled", "sign-in-link",
            "waitlist-offer", "waitlist-slot-gone", "new-secure-message", "payment-receipt", "inbox-reply",
            "inbox-after-hours", "inbox-safety", "contact-verification");
    /** The SMS-only replies to keywords (STOP, START, HELP). */
    public static final List<String> KEYWORD_REPLIES = List.of("sms-opted-out", "sms-opted-in", "sms-help");
    /** The messages to the practice's staff: a password reset or an overdue-inbox notice, an on-call alert. */
    public static final List<String> STAFF_KEYS = List.of("staff-password-reset", "on-call-alert", "inbox-sla-breach");
    /** Every shipped key. */
    public static final List<String> ALL_KEYS = java.util.stream.Stream.of(KEYS, KEYWORD_REPLIES, STAFF_KEYS)
            .flatMap(List::stream).toList();
    public static final List<String> LANGUAGES = List.of("en", "es");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DefaultTemplates() {
    }

    /** Shipped templates never change while the server runs: each file is read and parsed once. */
    private static final Map<String, Optional<TemplateParts>> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    public static Optional<TemplateParts> find(String key, String language) {
        if (!ALL_KEYS.contains(key) || !LANGUAGES.contains(language)) {
            return Optional.empty();
        }
        return PARSED.computeIfAbsent(key + "/" + language, path -> {
            ClassPathResource resource = new ClassPathResource("message-templates/" + path + ".hbs");
            return resource.exists() ? Optional.of(TemplateParts.parse(read(resource.getPath()))) : Optional.empty();
        });
    }

    /** The sample context of a shipped template key; empty for a key of the practice's own. */
    public static Map<String, Object> sample(String key) {
        if (!ALL_KEYS.contains(key)) {
            return Map.of();
        }
        return JSON.readValue(read("message-templates/" + key + "/sample.json"), new TypeReference<>() {
        });
    }

    static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing shipped template " + path, e);
        }
    }
}
