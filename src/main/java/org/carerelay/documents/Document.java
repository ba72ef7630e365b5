package org.carerelay.documents;

import java.time.Instant;
import java.util.UUID;

/** A document of a patient's. {@code releasedAt} null: staff only, not yet in the patient's portal. */
public record Document(UUID id, UUID patientId, Kind kind, String title, String filename, String contentType,
        long sizeBytes, Instant releasedAt, Instant createdAt) {

    public enum Kind {
        LETTER, VISIT_SUMMARY, RESULT, OTHER,
        /** A file the patient sent, with an e-mail: for staff, not released to the portal. */
        FROM_PATIENT
    }

    /** A document with its content, to download. */
    public record Content(Document document, byte[] bytes) {
    }
}
