package org.carerelay.messaging.dispatch;

import org.carerelay.messaging.Channel;
import org.springframework.stereotype.Component;

/**
 * In-app messages are the delivery rows themselves, read by the patient in the portal: sending one is
 * marking it delivered.
 */
@Component
class InAppSender implements ChannelSender {

    static final String PROVIDER = "in-app";

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.IN_APP;
    }

    @Override
    public SendOutcome send(OutgoingMessage message) {
        return new SendOutcome.Accepted(PROVIDER, message.deliveryId().toString(), true);
    }
}
