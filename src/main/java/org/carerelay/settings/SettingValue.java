package org.carerelay.settings;

/**
 * A setting as an administrator sees it: the value in effect (masked when secret), whether it comes from the
 * database or the fallback, and why the fallback is in use.
 *
 * @param fallbackReason missing, invalid or unreadable; null when the stored value is in effect
 */
public record SettingValue(String key, String description, String value, Source source, FallbackReason fallbackReason,
        boolean secret) {

    public enum Source {
        DATABASE, FALLBACK
    }

    public enum FallbackReason {
        /** No row for this practice: nobody has set it. */
        MISSING,
        /** The stored text fails the setting's validation. */
        INVALID,
        /** The settings table could not be read. */
        UNREADABLE
    }
}
