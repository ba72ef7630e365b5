package org.carerelay.practice;

import java.time.Instant;
import java.util.UUID;

/** A medication a patient takes now, as the practice records it; {@code prescriberId} null when not known. */
public record Medication(UUID id, UUID patientId, String name, String dosage, UUID prescriberId, Instant createdAt) {

    /** How the medication is shown to the patient and staff: its name, then its dose (Lisinopril 10 mg daily). */
    public String label() {
        return dosage == null || dosage.isBlank() ? name : name + " " + dosage;
    }
}
