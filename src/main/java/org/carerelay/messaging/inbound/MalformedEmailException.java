package org.carerelay.messaging.inbound;

import org.carerelay.shared.InvalidFieldException;

/** The body of an inbound e-mail webhook is not an e-mail we can file; the reason names no content. 400. */
public class MalformedEmailException extends InvalidFieldException {

    public MalformedEmailException(String why) {
        super("body", "the e-mail was refused: " + why);
    }
}
