package org.carerelay.messaging.email;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.carerelay.messaging.inbound.InboundEmails;
import org.carerelay.messaging.sms.EndUserMessagingEvents;
import org.carerelay.shared.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /webhooks/ses} (and {@code /webhooks/email/inbound} for SNS): what AWS publishes to Amazon SNS for
 * CareRelay — SES events and received e-mail, and End User Messaging's SMS events and inbound texts. Only messages
 * of the deployment's own topics ({@code CARERELAY_SNS_TOPIC_ARNS}), signed by SNS and at most an hour old, are
 * read; a subscription is confirmed; a notification updates its delivery, or is an inbound text or e-mail. SNS
 * posts JSON as text/plain.
 */
@RestController
class SesWebhooks {

    private static final Logger log = LoggerFactory.getLogger(SesWebhooks.class);

    /** An older message is a replay: SNS delivers within seconds, and retries for about an hour at most. */
    static final Duration MAX_AGE = Duration.ofHours(1);

    private final SnsMessageVerifier verifier;
    private final SnsSubscriptions subscriptions;
    private final SesEvents events;
    private final EndUserMessagingEvents smsEvents;
    private final InboundEmails inboundEmails;
    private final JsonMapper json;
    private final Set<String> topics;
    private final Clock clock;

    SesWebhooks(SnsMessageVerifier verifier, SnsSubscriptions subscriptions, SesEvents events,
            EndUserMessagingEvents smsEvents, InboundEmails inboundEmails, JsonMapper json,
            @Value("${carerelay.aws.sns-topic-arns:}") List<String> topics, Clock clock) {
        this.verifier = verifier;
        this.subscriptions = subscriptions;
        this.events = events;
        this.smsEvents = smsEvents;
        this.inboundEmails = inboundEmails;
        this.json = json;
        this.topics = topics.stream().map(String::trim).filter(topic -> !topic.isEmpty()).collect(Collectors.toSet());
        this.clock = clock;
    }

    @PostMapping(path = {"/webhooks/ses", "/webhooks/email/inbound"},
            consumes = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<?> receive(@RequestBody String body) {
        JsonNode message = parse(body, "body");
        // Amazon signs every SNS message, anyone's: only the topics of this deployment count, and only fresh.
        String topic = message.path("TopicArn").isString() ? message.path("TopicArn").asString() : "";
        if (!topics.contains(topic)) {
            return forbidden(topics.isEmpty() ? "no SNS topic is configured (CARERELAY_SNS_TOPIC_ARNS)"
                    : "the message is from a topic this deployment does not subscribe to");
        }
        if (!verifier.verify(message)) {
            return forbidden("the message does not carry a valid Amazon SNS signature");
        }
        if (!fresh(message)) {
            return forbidden("the message is too old (a replay?)");
        }
        switch (message.path("Type").asString()) {
            case "SubscriptionConfirmation" -> {
                URI subscribe = SnsMessageVerifier.snsUrl(message.path("SubscribeURL").asString(null));
                if (subscribe == null) {
                    throw new InvalidFieldException("SubscribeURL", "is not an Amazon SNS URL");
                }
                boolean confirmed = subscriptions.confirm(subscribe);
                log.info("SNS subscription to {} {}", message.path("TopicArn").asString(),
                        confirmed ? "confirmed" : "could not be confirmed; SNS will ask again");
            }
            case "Notification" -> {
                JsonNode payload = parse(message.path("Message").asString(), "Message");
                if ("Received".equals(payload.path("notificationType").asString(null))) {
                    inboundEmails.receive(sesContent(payload), "ses", payload.path("mail").path("messageId")
                            .asString(null));
                    return ResponseEntity.ok().build();
                }
                if (smsEvents.handles(payload)) {
                    smsEvents.apply(payload);
                    return ResponseEntity.ok().build();
                }
                try {
                    events.apply(payload);
                } catch (IllegalArgumentException e) {
                    throw new InvalidFieldException("Message", "is not an SES event: " + e.getMessage());
                }
            }
            default -> log.info("SNS {} acknowledged", message.path("Type").asString());
        }
        return ResponseEntity.ok().build();
    }

    /** The MIME source an SES receipt rule's SNS action carries, base64 or as UTF-8 text. */
    private static byte[] sesContent(JsonNode receipt) {
        String content = receipt.path("content").asString(null);
        if (content == null) {
            throw new InvalidFieldException("content", "is missing: the SES receipt rule must publish the content");
        }
        if ("BASE64".equalsIgnoreCase(receipt.path("receipt").path("action").path("encoding").asString("UTF8"))) {
            try {
                return java.util.Base64.getMimeDecoder().decode(content);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("content", "is not base64");
            }
        }
        return content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private boolean fresh(JsonNode message) {
        try {
            Instant sent = Instant.parse(message.path("Timestamp").asString());
            Instant now = clock.instant();
            return sent.isAfter(now.minus(MAX_AGE)) && sent.isBefore(now.plus(Duration.ofMinutes(5)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ResponseEntity<ProblemDetail> forbidden(String why) {
        log.warn("Refused an SNS message: {}", why);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "The message is not a current, signed message of a subscribed Amazon SNS topic");
        problem.setType(URI.create("https://carerelay.org/problems/forbidden"));
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private JsonNode parse(String text, String field) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new InvalidFieldException(field, "is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidFieldException(field, "is not valid JSON");
        }
    }
}
