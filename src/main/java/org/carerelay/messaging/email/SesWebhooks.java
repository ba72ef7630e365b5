package org.carerelay.messaging.email;

import java.net.URI;

import org.carerelay.shared.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code /webhooks/ses}: Amazon SNS deliveries of SES events. The SNS signature is checked before anything else;
 * a subscription is confirmed; a notification's SES event updates its delivery. SNS posts JSON as text/plain.
 */
@RestController
class SesWebhooks {

    private static final Logger log = LoggerFactory.getLogger(SesWebhooks.class);

    private final SnsMessageVerifier verifier;
    private final SnsSubscriptions subscriptions;
    private final SesEvents events;
    private final JsonMapper json;

    SesWebhooks(SnsMessageVerifier verifier, SnsSubscriptions subscriptions, SesEvents events, JsonMapper json) {
        this.verifier = verifier;
        this.subscriptions = subscriptions;
        this.events = events;
        this.json = json;
    }

    @PostMapping(path = "/webhooks/ses", consumes = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<?> receive(@RequestBody String body) {
        JsonNode message = parse(body, "body");
        if (!verifier.verify(message)) {
            log.warn("Refused an SNS message that does not carry a valid Amazon SNS signature");
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "The message does not carry a valid Amazon SNS signature");
            problem.setType(URI.create("https://carerelay.org/problems/forbidden"));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
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
                try {
                    events.apply(parse(message.path("Message").asString(), "Message"));
                } catch (IllegalArgumentException e) {
                    throw new InvalidFieldException("Message", "is not an SES event: " + e.getMessage());
                }
            }
            default -> log.info("SNS {} acknowledged", message.path("Type").asString());
        }
        return ResponseEntity.ok().build();
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
