package org.carerelay.practice;

import java.util.EnumSet;
import java.util.Set;

/** Where an appointment stands. Completed, cancelled and no-show are final. */
public enum AppointmentStatus {
    BOOKED, CONFIRMED, CHECKED_IN, COMPLETED, CANCELLED, NO_SHOW;

    public Set<AppointmentStatus> next() {
        return switch (this) {
            case BOOKED -> EnumSet.of(CONFIRMED, CHECKED_IN, CANCELLED, NO_SHOW);
            case CONFIRMED -> EnumSet.of(BOOKED, CHECKED_IN, CANCELLED, NO_SHOW);
            case CHECKED_IN -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED, NO_SHOW -> EnumSet.noneOf(AppointmentStatus.class);
        };
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
