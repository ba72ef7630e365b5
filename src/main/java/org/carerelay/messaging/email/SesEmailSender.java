package org.carerelay.messaging.email;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.mail.internet.InternetAddress;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.aws.AwsClients;
import org.carerelay.messaging.dispatch.ChannelSender;
import org.carerelay.messaging.dispatch.OutgoingMessage;
import org.carerelay.messaging.dispatch.SendOutcome;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Email through the Amazon SES v2 API ({@code SendEmail}, AWS SDK for Java v2), a simple message with headers of
 * our own: a reply's In-Reply-To and References, and its reply address. Not the Message-ID: SES gives every message
 * its own, and {@code EmailThreads} knows an answer to it by the SES message id the delivery keeps. Credentials come
 * only from the default provider chain (instance role, environment, profile), never from settings. Throttling and
 * 5xx are transient; other SES errors (message rejected, unverified sender) permanent, with SES's error code.
 */
@Component
class SesEmailSender implements ChannelSender {

    static final String PROVIDER = "ses";
    private static final Set<String> TRANSIENT_CODES = Set.of("TooManyRequestsException", "Throttling",
            "ThrottlingException", "LimitExceededException", "InternalFailure", "ServiceUnavailable");

    private final SenderIdentity identity;
    private final String configurationSet;
    /** Built on first use, so that a server that never uses SES never loads or configures it. */
    private final SingletonSupplier<SesV2Client> client;

    SesEmailSender(SenderIdentity identity, AwsClients aws,
            @Value("${carerelay.aws.ses-configuration-set:}") String configurationSet) {
        this.identity = identity;
        this.configurationSet = configurationSet;
        this.client = SingletonSupplier.of(() -> aws.build(SesV2Client.builder()));
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.EMAIL;
    }

    private static List<MessageHeader> headers(OutgoingMessage message) {
        List<MessageHeader> headers = new ArrayList<>();
        headers.add(MessageHeader.builder().name(SmtpEmailSender.DELIVERY_HEADER)
                .value(message.deliveryId().toString()).build());
        message.listUnsubscribeHeaders().forEach((name, value) ->
                headers.add(MessageHeader.builder().name(name).value(value).build()));
        message.thread().headers().forEach((name, value) -> {
            if (!name.equals("Message-ID")) {
                headers.add(MessageHeader.builder().name(name).value(value).build());
            }
        });
        return headers;
    }

    @Override
    public SendOutcome send(OutgoingMessage message) {
        try {
            InternetAddress from = identity.from(message.practice());
            Body.Builder body = Body.builder().text(utf8(message.text()));
            if (message.html() != null) {
                body.html(utf8(message.html()));
            }
            SendEmailRequest.Builder request = SendEmailRequest.builder()
                    .fromEmailAddress(from.toUnicodeString())
                    .destination(destination -> destination.toAddresses(message.to()))
                    .content(content -> content.simple(simple -> simple
                            .subject(utf8(message.subject()))
                            .body(body.build())
                            .headers(headers(message))));
            if (!configurationSet.isBlank()) {
                request.configurationSetName(configurationSet);
            }
            if (message.thread().replyTo() != null) {
                request.replyToAddresses(message.thread().replyTo());
            }
            return new SendOutcome.Accepted(PROVIDER, client.obtain().sendEmail(request.build()).messageId(), false);
        } catch (SesV2Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String reason = "ses-" + (code == null ? e.statusCode() : code);
            return e.statusCode() >= 500 || e.statusCode() == 429 || TRANSIENT_CODES.contains(code)
                    ? new SendOutcome.TransientFailure(PROVIDER, reason)
                    : new SendOutcome.PermanentFailure(PROVIDER, reason);
        } catch (SdkClientException e) {
            return new SendOutcome.TransientFailure(PROVIDER, "ses-unreachable");
        } catch (java.io.UnsupportedEncodingException e) {
            return new SendOutcome.PermanentFailure(PROVIDER, "ses-bad-sender-name");
        }
    }

    private static Content utf8(String text) {
        return Content.builder().data(text).charset(StandardCharsets.UTF_8.name()).build();
    }
}
