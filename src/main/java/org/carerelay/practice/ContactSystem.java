package org.carerelay.practice;

/** The kind of a contact point: a phone number (E.164) or an email address (lower case). */
public enum ContactSystem {
    PHONE, EMAIL
}
