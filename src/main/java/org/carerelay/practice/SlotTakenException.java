package org.carerelay.practice;

import org.carerelay.shared.ConflictException;

/** The provider already has an appointment at that time: the database refused the second one. */
public class SlotTakenException extends ConflictException {

    public SlotTakenException() {
        super("The provider is already booked at that time");
    }
}
