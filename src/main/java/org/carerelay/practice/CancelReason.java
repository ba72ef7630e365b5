package org.carerelay.practice;

/** Why a visit was cancelled: kept on the appointment and counted in the cancellation figures. */
public enum CancelReason {
    /** The patient asked (at the desk, on the phone, or themselves by link, text or portal). */
    PATIENT_REQUEST("Patient asked"),
    PROVIDER_UNAVAILABLE("Provider unavailable"),
    PRACTICE_CLOSED("Practice closed"),
    BOOKED_IN_ERROR("Booked in error"),
    OTHER("Other");

    private final String label;

    CancelReason(String label) {
        this.label = label;
    }

    /** How staff read it on a page. */
    public String label() {
        return label;
    }
}
