package org.carerelay.practice;

/** Whether a visit happens at a location or by video. */
public enum Modality {
    IN_PERSON, VIDEO
}
