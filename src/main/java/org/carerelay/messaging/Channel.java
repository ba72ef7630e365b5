package org.carerelay.messaging;

/** Where a message goes. PREFERRED asks for the patient's preferred channel, or another they consented to. */
public enum Channel {
    EMAIL, SMS, IN_APP, PREFERRED
}
