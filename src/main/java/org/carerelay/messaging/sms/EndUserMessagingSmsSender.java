package org.carerelay.messaging.sms;

import java.util.Map;
import java.util.Set;

import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.aws.AwsClients;
import org.carerelay.messaging.dispatch.ChannelSender;
import org.carerelay.messaging.dispatch.OutgoingMessage;
import org.carerelay.messaging.dispatch.SendOutcome;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ConflictException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.MessageType;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.PinpointSmsVoiceV2Exception;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.SendTextMessageRequest;

/**
 * SMS through AWS End User Messaging ({@code pinpointsmsvoicev2 SendTextMessage}) from the practice's origination
 * number; marketing goes as PROMOTIONAL, everything else TRANSACTIONAL. The delivery id travels in the message
 * context, so the SMS events that come back can be traced. Throttling and 5xx are transient; a number that
 * opted out (a ConflictException with reason DESTINATION_PHONE_NUMBER_OPTED_OUT) fails and is suppressed.
 */
@Component
class EndUserMessagingSmsSender implements ChannelSender {

    static final String PROVIDER = "end-user-messaging";
    private static final Set<String> TRANSIENT_CODES = Set.of("ThrottlingException", "InternalServerException",
            "ServiceUnavailable");

    private final Settings settings;
    private final String configurationSet;
    /** Built on first use, so that a server that never uses End User Messaging never loads or configures it. */
    private final SingletonSupplier<PinpointSmsVoiceV2Client> client;

    EndUserMessagingSmsSender(AwsClients aws, Settings settings,
            @Value("${carerelay.aws.sms-configuration-set:}") String configurationSet) {
        this.settings = settings;
        this.configurationSet = configurationSet;
        this.client = SingletonSupplier.of(() -> aws.build(PinpointSmsVoiceV2Client.builder()));
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
        SendTextMessageRequest.Builder request = SendTextMessageRequest.builder()
                .destinationPhoneNumber(message.to())
                .originationIdentity(settings.get(message.practice(), Setting.SMS_ORIGINATION_NUMBER))
                .messageBody(message.text())
                .messageType(message.purpose() == Purpose.MARKETING ? MessageType.PROMOTIONAL : MessageType.TRANSACTIONAL)
                .context(Map.of("delivery", message.deliveryId().toString()));
        if (!configurationSet.isBlank()) {
            request.configurationSetName(configurationSet);
        }
        try {
            return new SendOutcome.Accepted(PROVIDER, client.obtain().sendTextMessage(request.build()).messageId(), false);
        } catch (ConflictException e) {
            boolean optedOut = "DESTINATION_PHONE_NUMBER_OPTED_OUT".equals(e.reasonAsString());
            return new SendOutcome.PermanentFailure(PROVIDER, "eum-" + (optedOut ? "opted-out" : e.reasonAsString()),
                    optedOut);
        } catch (PinpointSmsVoiceV2Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String reason = "eum-" + (code == null ? e.statusCode() : code);
            return e.statusCode() >= 500 || e.statusCode() == 429 || TRANSIENT_CODES.contains(code)
                    ? new SendOutcome.TransientFailure(PROVIDER, reason)
                    : new SendOutcome.PermanentFailure(PROVIDER, reason);
        } catch (SdkClientException e) {
            return new SendOutcome.TransientFailure(PROVIDER, "eum-unreachable");
        }
    }
}
