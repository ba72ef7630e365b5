package org.carerelay.practice;

/** Where a consent decision came from, as the history records it. */
public enum ConsentSource {
    /** Staff recorded what the patient told them (in person, by phone). */
    STAFF,
    /** The patient, signed in to the portal. */
    PATIENT_PORTAL,
    /** A signed paper or electronic form: express written consent. */
    WRITTEN_FORM,
    /** A keyword texted by the patient (STOP, START). */
    SMS_KEYWORD,
    /** An import from another system (EHR sync, CSV). */
    IMPORT,
    /** The patient initiated contact from this point (their own message). */
    PATIENT_INITIATED,
    /** The patient used the unsubscribe link of a marketing e-mail (or their mail app's one-click button). */
    EMAIL_UNSUBSCRIBE
}
