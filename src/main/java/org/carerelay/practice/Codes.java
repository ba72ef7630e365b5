package org.carerelay.practice;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

import org.carerelay.shared.InvalidFieldException;

/** Checks of the codes the registry stores: IANA time zones and ISO 639-1 languages. */
final class Codes {

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private Codes() {
    }

    /** A region-based IANA zone ({@code America/Chicago}); offsets such as {@code +05:00} cannot follow DST. */
    static String timeZone(String zone, String field) {
        if (zone == null || !ZONES.contains(zone)
                || !zone.equals("UTC") && ZoneId.of(zone).getRules().isFixedOffset()) {
            throw new InvalidFieldException(field, "must be an IANA time zone such as America/New_York");
        }
        return zone;
    }

    static String language(String language, String field) {
        if (language == null || !LANGUAGES.contains(language)) {
            throw new InvalidFieldException(field, "must be an ISO 639-1 language code such as en or es");
        }
        return language;
    }
}
