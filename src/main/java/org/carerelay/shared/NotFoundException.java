package org.carerelay.shared;

import java.util.function.Supplier;

/**
 * A resource that does not exist for the caller's practice. Another practice's resource is reported the same
 * way, so that its existence is never revealed. The message names the kind of resource, never its content;
 * {@link #field()} names the request field that referred to it, when there is one.
 */
public class NotFoundException extends RuntimeException {

    private final String resource;
    private final String field;

    public NotFoundException(String resource) {
        this(resource, null);
    }

    /** A missing resource that the request field {@code field} referred to. */
    public NotFoundException(String resource, String field) {
        super(resource + " not found");
        this.resource = resource;
        this.field = field;
    }

    /** The request field that referred to the missing resource, or null (the resource was the path's). */
    public String field() {
        return field;
    }

    /** Looks up what request field {@code field} refers to, reporting a miss as that field's. */
    public static <T> T referencedBy(String field, Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (NotFoundException e) {
            throw new NotFoundException(e.resource, field);
        }
    }
}
