package org.carerelay.messaging.dispatch;

import java.util.List;

import org.carerelay.messaging.Channel;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.springframework.stereotype.Component;

/** Picks the adapter for a delivery: the provider the practice's settings (or their fallback) name. */
@Component
class Senders {

    private final List<ChannelSender> senders;
    private final Settings settings;

    Senders(List<ChannelSender> senders, Settings settings) {
        this.senders = senders;
        this.settings = settings;
    }

    SendOutcome send(OutgoingMessage message) {
        String provider = switch (message.channel()) {
            case EMAIL -> settings.get(message.practice(), Setting.EMAIL_PROVIDER);
            case SMS -> settings.get(message.practice(), Setting.SMS_PROVIDER);
            default -> InAppSender.PROVIDER;
        };
        return senders.stream()
                .filter(sender -> sender.provider().equals(provider) && sender.handles(message.channel()))
                .findFirst()
                .map(sender -> sender.send(message))
                .orElseGet(() -> new SendOutcome.PermanentFailure(provider, "provider-not-available"));
    }
}
