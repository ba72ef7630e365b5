package org.carerelay.audit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.carerelay.shared.logging.PhiRedactor;

/**
 * Something that happened, to be appended to the audit log.
 *
 * @param action  what happened, a dotted code in the past tense ({@code patient.registered}, {@code phi.patient.viewed})
 * @param target  what it happened to, or null
 * @param payload ids and codes only: strings, whole numbers, booleans, and lists of them. Never names, phone
 *                numbers, addresses or message text; values that look like contact details or dates are refused.
 */
public record AuditEvent(PracticeId practice, Actor actor, String action, Target target, Map<String, Object> payload) {

    /** The kind and id of the thing acted on ({@code patient}, its UUID). */
    public record Target(String type, String id) {

        public static Target of(String type, Object id) {
            return new Target(type, String.valueOf(id));
        }
    }

    public AuditEvent {
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        payload = normalized(payload == null ? Map.of() : payload);
    }

    public static AuditEvent of(Caller caller, String action, Target target, Map<String, ?> payload) {
        return new AuditEvent(caller.practice(), caller.actor(), action, target, Map.copyOf(payload));
    }

    public static AuditEvent of(Caller caller, String action, Target target) {
        return of(caller, action, target, Map.of());
    }

    private static Map<String, Object> normalized(Map<String, ?> payload) {
        Map<String, Object> normalized = new LinkedHashMap<>();
        payload.forEach((key, value) -> normalized.put(key, normalizedValue(key, value)));
        return java.util.Collections.unmodifiableMap(normalized);
    }

    private static Object normalizedValue(String key, Object value) {
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value;
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(v -> normalizedValue(key, v)).toList();
        }
        if (value instanceof String || value instanceof UUID || value instanceof Enum<?> || value instanceof Record) {
            String text = value instanceof Enum<?> e ? e.name() : value.toString();
            if (!PhiRedactor.redact(text).equals(text)) {
                throw new IllegalArgumentException("Audit payload field '" + key + "' looks like PHI");
            }
            return text;
        }
        throw new IllegalArgumentException("Audit payload field '" + key + "' has an unsupported type "
                + value.getClass().getSimpleName());
    }
}
