package org.carerelay.practice;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a patient has agreed to receive on a contact point. Marketing SMS needs express written consent;
 * PHI over a channel allows clinical detail in messages on that channel.
 */
public enum ConsentPurpose {
    TRANSACTIONAL_SMS, MARKETING_SMS, EMAIL, PHI_OVER_CHANNEL;

    /** The purposes that make sense for a contact point of {@code system}. */
    public static Set<ConsentPurpose> applicableTo(ContactSystem system) {
        return system == ContactSystem.PHONE
                ? EnumSet.of(TRANSACTIONAL_SMS, MARKETING_SMS, PHI_OVER_CHANNEL)
                : EnumSet.of(EMAIL, PHI_OVER_CHANNEL);
    }
}
