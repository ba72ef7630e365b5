package org.carerelay.documents;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A patient's answers to a form, as submitted: field name → answer. */
public record FormResponse(UUID id, UUID patientId, String formKey, int formVersion, String language,
        Map<String, String> answers, Instant submittedAt) {
}
