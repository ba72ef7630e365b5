package org.carerelay.messaging.sms;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.dispatch.ChannelSender;
import org.carerelay.messaging.dispatch.OutgoingMessage;
import org.carerelay.messaging.dispatch.SendOutcome;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * SMS through Twilio's Messages API (twilio-java), from the practice's origination number, with the status
 * callback set so that delivery receipts come back to {@code /webhooks/twilio/status}. Twilio's HTTP 429 and 5xx
 * are transient; its other errors permanent, with Twilio's error code as the reason.
 */
@Component
class TwilioSmsSender implements ChannelSender {

    static final String PROVIDER = "twilio";
    /** Twilio's "the recipient replied STOP to this sender": the number joins the suppression list. */
    static final int UNSUBSCRIBED_RECIPIENT = 21610;
    private static final Set<Integer> TRANSIENT_HTTP = Set.of(429, 500, 502, 503, 504);

    private final TwilioClients clients;
    private final Settings settings;
    private final String publicBaseUrl;

    TwilioSmsSender(TwilioClients clients, Settings settings,
            @Value("${carerelay.public-base-url}") String publicBaseUrl) {
        this.clients = clients;
        this.settings = settings;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/$", "");
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.SMS;
    }

    @Override
    public SendOutcome send(OutgoingMessage message) {
        Optional<String> account = settings.find(message.practice(), Setting.TWILIO_ACCOUNT_SID);
        Optional<String> token = settings.find(message.practice(), Setting.TWILIO_WEBHOOK_AUTH_TOKEN);
        if (account.isEmpty() || token.isEmpty()) {
            return new SendOutcome.PermanentFailure(PROVIDER, "twilio-not-configured");
        }
        String from = settings.get(message.practice(), Setting.SMS_ORIGINATION_NUMBER);
        try {
            Message sent = Message.creator(new PhoneNumber(message.to()), new PhoneNumber(from), message.text())
                    // The delivery id rides along (signed with the URL), so a receipt that arrives before the
                    // message sid is stored still finds its delivery.
                    .setStatusCallback(URI.create(publicBaseUrl + "/webhooks/twilio/status?delivery="
                            + message.deliveryId()))
                    .create(clients.forAccount(account.get(), token.get()));
            return new SendOutcome.Accepted(PROVIDER, sent.getSid(), false);
        } catch (ApiConnectionException e) {
            return new SendOutcome.TransientFailure(PROVIDER, "twilio-unreachable");
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            String code = "twilio-" + (e.getCode() != null ? e.getCode() : status);
            if (status == null || TRANSIENT_HTTP.contains(status)) {
                return new SendOutcome.TransientFailure(PROVIDER, code);
            }
            boolean optedOut = e.getCode() != null && e.getCode() == UNSUBSCRIBED_RECIPIENT;
            return new SendOutcome.PermanentFailure(PROVIDER, code, optedOut);
        } catch (TwilioException e) {
            return new SendOutcome.TransientFailure(PROVIDER, "twilio-error");
        }
    }
}
