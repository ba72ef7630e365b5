package org.carerelay.practice;

import java.util.Arrays;

import org.carerelay.shared.InvalidFieldException;

/**
 * The role of a staff user (and of an API token), most privileged first. What each role may do is data: the
 * identity module's {@code role_permission} table.
 */
public enum StaffRole {
    SUPER_ADMIN, CLINIC_ADMIN, DOCTOR, CLINICAL_STAFF, FRONT_DESK, BILLING, READ_ONLY;

    public static StaffRole parse(String code, String field) {
        return Arrays.stream(values())
                .filter(role -> role.name().equalsIgnoreCase(code))
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException(field,
                        "must be one of " + Arrays.stream(values()).map(r -> r.name().toLowerCase()).toList()));
    }

    /** Whether this role is more privileged than {@code other}: nobody hands out a role above their own. */
    public boolean outranks(StaffRole other) {
        return ordinal() < other.ordinal();
    }
}
