package org.carerelay.crypto;

/**
 * A sealed value that would not open: altered, copied from another place (other associated data), or sealed
 * under a key this installation does not have. The message says only that, never the value or its place.
 */
public class PhiDecryptionException extends RuntimeException {

    PhiDecryptionException(Throwable cause) {
        super("A sealed value could not be opened: it was altered, belongs to another place, or its key is unknown",
                cause);
    }
}
