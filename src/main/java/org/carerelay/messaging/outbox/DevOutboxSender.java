package org.carerelay.messaging.outbox;

import org.carerelay.database.ConditionalOnLocalMode;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.dispatch.ChannelSender;
import org.carerelay.messaging.dispatch.OutgoingMessage;
import org.carerelay.messaging.dispatch.SendOutcome;
import org.springframework.stereotype.Component;

/**
 * Local mode's provider for email and SMS: nothing leaves the machine. The delivery, with everything the patient
 * would have received, is what {@code /dev/outbox} shows.
 */
@Component
@ConditionalOnLocalMode
class DevOutboxSender implements ChannelSender {

    static final String PROVIDER = "dev-outbox";

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.EMAIL || channel == Channel.SMS;
    }

    @Override
    public SendOutcome send(OutgoingMessage message) {
        return new SendOutcome.Accepted(PROVIDER, "outbox-" + message.deliveryId(), true);
    }
}
