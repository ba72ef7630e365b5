package org.carerelay.shared;

/**
 * A request field whose value CareRelay cannot accept (an unparseable phone number, an unknown time zone).
 * The message says what is wrong with the value without repeating it: values may be PHI.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }

    /** The same problem, found inside a nested object at {@code prefix} (e.g. "contactPoints[1]"). */
    public InvalidFieldException under(String prefix) {
        return new InvalidFieldException(prefix + "." + field, reason());
    }
}
