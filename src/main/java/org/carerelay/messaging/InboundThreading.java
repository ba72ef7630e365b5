package org.carerelay.messaging;

import java.util.List;

/**
 * What an inbound e-mail says about the exchange it continues.
 *
 * @param replyTokens the tokens of the reply addresses it was sent to ({@link ReplyThreading}); they are only what
 *                    the addresses say, so the requester checks that a token is one of its own
 * @param answers     the practice's messages it names in In-Reply-To and References, the one it answers directly
 *                    first, then the rest of the thread from the newest back
 */
public record InboundThreading(List<String> replyTokens, List<MessageId> answers) {

    public static final InboundThreading NONE = new InboundThreading(List.of(), List.of());
}
