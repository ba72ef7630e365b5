package org.carerelay.shared;

/**
 * A resource that does not exist for the caller's practice. Another practice's resource is reported the same
 * way, so that its existence is never revealed. The message names the kind of resource, never its content.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String resource) {
        super(resource + " not found");
    }
}
