package org.carerelay.messaging;

/**
 * Why a message is sent, which decides what consent it needs: SECURITY (sign-in links the patient asked for)
 * goes out always, TRANSACTIONAL and CARE need no prior consent within the healthcare exemption's limits,
 * MARKETING needs express consent.
 */
public enum Purpose {
    TRANSACTIONAL, CARE, SECURITY, MARKETING
}
