package org.carerelay.practice;

import java.time.DayOfWeek;
import java.time.LocalTime;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/** One opening period of a location, in the location's own time zone ({@code monday 08:00–12:00}). */
public record BusinessHours(@NotNull DayOfWeek day, @NotNull LocalTime opens, @NotNull LocalTime closes) {

    @AssertTrue(message = "opens must be before closes")
    boolean isOrdered() {
        return opens == null || closes == null || opens.isBefore(closes);
    }
}
