package org.carerelay.practice;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a patient has agreed to receive on a contact point. Marketing needs its own consent on each channel
 * (MARKETING_SMS express and written; MARKETING_EMAIL, withdrawn by a newsletter's unsubscribe link); EMAIL
 * refused stops all but security e-mail; PHI over a channel allows clinical detail in messages on that channel.
 */
public enum ConsentPurpose {
    TRANSACTIONAL_SMS, MARKETING_SMS, EMAIL, MARKETING_EMAIL, PHI_OVER_CHANNEL;

    /** The purposes that make sense for a contact point of {@code system}. */
    public static Set<ConsentPurpose> applicableTo(ContactSystem system) {
        return system == ContactSystem.PHONE
                ? EnumSet.of(TRANSACTIONAL_SMS, MARKETING_SMS, PHI_OVER_CHANNEL)
                : EnumSet.of(EMAIL, MARKETING_EMAIL, PHI_OVER_CHANNEL);
    }
}
