package org.carerelay.documents;

import java.util.List;
import java.util.Map;

/**
 * A form patients fill in the portal (intake, consent), shipped with CareRelay under {@code forms/<key>.json}:
 * its fields, each with a label in every shipped language. {@code version} changes when the questions do, and each
 * response keeps the version it answered.
 */
public record FormDefinition(String key, int version, Map<String, String> title, Map<String, String> intro,
        List<Field> fields) {

    /**
     * One question. {@code type}: text, textarea, date (YYYY-MM-DD), choice (one of {@code options}) or consent (a
     * box that must be ticked to submit).
     */
    public record Field(String name, String type, boolean required, Map<String, String> label, List<String> options,
            Map<String, Map<String, String>> optionLabels) {

        public String label(String language) {
            return label.getOrDefault(language, label.get("en"));
        }

        public String optionLabel(String language, String option) {
            Map<String, String> labels = optionLabels == null ? null
                    : optionLabels.getOrDefault(language, optionLabels.get("en"));
            return labels == null ? option : labels.getOrDefault(option, option);
        }
    }

    public String title(String language) {
        return title.getOrDefault(language, title.get("en"));
    }

    public String intro(String language) {
        return intro.getOrDefault(language, intro.get("en"));
    }
}
