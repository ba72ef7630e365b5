package org.carerelay.practice;

/** Administrative sex, with FHIR's codes. */
public enum Sex {
    FEMALE, MALE, OTHER, UNKNOWN
}
