package org.carerelay.messaging.inbound;

import java.util.List;

/**
 * An inbound e-mail as read from its MIME source.
 *
 * @param from        the sender's address, lower case; null when the message names none
 * @param recipients  every address it was sent to (To, Cc, Delivered-To), lower case
 * @param messageId   the Message-ID header's id ({@code <…>}), or null
 * @param inReplyTo   the ids In-Reply-To names: the message this one answers
 * @param references  the ids References names: the thread so far, oldest first
 * @param text        the whole text: the text/plain part, or the HTML part as text
 * @param reply       what the sender wrote this time: the text without the quoted history and the signature
 * @param attachments the files it carried, up to the size limit
 * @param refused     the names of the files over the size limit, which were not kept
 */
public record ParsedEmail(String from, String fromName, List<String> recipients, String subject, String messageId,
        List<String> inReplyTo, List<String> references, String text, String reply, List<Attachment> attachments,
        List<String> refused) {

    public record Attachment(String filename, String contentType, byte[] content) {
    }
}
