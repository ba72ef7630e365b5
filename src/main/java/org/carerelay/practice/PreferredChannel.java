package org.carerelay.practice;

/** How a patient prefers to hear from the practice. */
public enum PreferredChannel {
    SMS, EMAIL, PORTAL
}
