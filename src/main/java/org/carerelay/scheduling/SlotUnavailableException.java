package org.carerelay.scheduling;

import java.util.List;

import org.carerelay.shared.ConflictException;

/** The slot asked for is gone; {@code alternatives} are the open ones nearest to it. */
public class SlotUnavailableException extends ConflictException {

    private final transient List<Slot> alternatives;

    public SlotUnavailableException(List<Slot> alternatives) {
        super("That time is no longer available");
        this.alternatives = List.copyOf(alternatives);
    }

    public List<Slot> alternatives() {
        return alternatives;
    }
}
