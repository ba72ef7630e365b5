package org.carerelay.messaging.dispatch;

import org.carerelay.messaging.Channel;

/** A provider adapter for one or more channels, chosen by the settings' provider name. */
public interface ChannelSender {

    /** The provider name in settings ({@code dev-outbox}, {@code smtp}, {@code twilio}, …). */
    String provider();

    boolean handles(Channel channel);

    SendOutcome send(OutgoingMessage message);
}
