package org.carerelay.messaging.template;

import java.time.Instant;

/** One version of a template in one language; version 0 is CareRelay's shipped default. */
public record TemplateVersion(String key, String language, int version, TemplateParts parts, Instant createdAt) {

    public boolean isDefault() {
        return version == 0;
    }
}
