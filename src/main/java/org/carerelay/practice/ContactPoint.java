package org.carerelay.practice;

import java.util.Map;

/**
 * A way to reach a patient, with the patient's current consent for each purpose that applies to it (a purpose
 * never decided is {@code false}). Several patients may share one value (a family phone).
 */
public record ContactPoint(ContactPointId id, ContactSystem system, String value, boolean verified,
        Map<ConsentPurpose, Boolean> consents) {
}
