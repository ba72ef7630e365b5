package org.carerelay.messaging;

import java.util.UUID;

/**
 * A file that came with an inbound e-mail.
 *
 * @param refusedReason why its content was not kept (larger than 25 MB); null when it was
 */
public record InboundAttachment(UUID id, UUID inboundMessageId, String filename, String contentType, long sizeBytes,
        String refusedReason) {

    /** A kept attachment's content. */
    public record Content(InboundAttachment attachment, byte[] bytes) {
    }
}
