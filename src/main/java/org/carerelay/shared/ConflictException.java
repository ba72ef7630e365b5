package org.carerelay.shared;

/** A request that is well-formed but clashes with the current state (a duplicate MRN, a finished visit). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
