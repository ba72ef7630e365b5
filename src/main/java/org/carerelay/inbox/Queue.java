package org.carerelay.inbox;

/** Who works a conversation: the front desk, the clinical staff, or the provider on call (urgent and crisis). */
public enum Queue {
    FRONT_DESK, CLINICAL, ON_CALL;

    /**
     * The routing rule: urgent and crisis messages go to the on-call provider at once; refills, results and
     * clinical questions to clinical staff; appointments, billing and the rest to the front desk.
     */
    static Queue of(Category category, boolean urgent, boolean crisis) {
        if (urgent || crisis) {
            return ON_CALL;
        }
        return switch (category) {
            case REFILL, RESULTS, CLINICAL -> CLINICAL;
            case APPOINTMENT, BILLING, ADMIN, OTHER -> FRONT_DESK;
        };
    }

    /** Clinical content: only staff who may see the patient's clinical record read it. */
    boolean clinical() {
        return this != FRONT_DESK;
    }
}
