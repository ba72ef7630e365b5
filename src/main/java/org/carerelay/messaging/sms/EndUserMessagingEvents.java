package org.carerelay.messaging.sms;

import java.util.Optional;
import java.util.Set;

import org.carerelay.messaging.DeliveryStatus;
import org.carerelay.messaging.dispatch.DeliveryReceipts;
import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.practice.ContactNormalizer;
import org.carerelay.shared.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * What AWS End User Messaging SMS publishes to SNS, as it arrives on {@code /webhooks/ses}: SMS events of a
 * configuration set's event destination (delivered, or failed for good: invalid number, blocked, spam,
 * unreachable when final) and two-way texts to the practice's number (keywords and messages for the inbox).
 */
@Component
public class EndUserMessagingEvents {

    private static final Logger log = LoggerFactory.getLogger(EndUserMessagingEvents.class);

    private static final Set<String> DELIVERED = Set.of("TEXT_DELIVERED", "TEXT_SUCCESSFUL");
    /** Failures whatever isFinal says: the number or the message will not do. */
    private static final Set<String> FAILED = Set.of("TEXT_INVALID", "TEXT_INVALID_MESSAGE", "TEXT_BLOCKED",
            "TEXT_CARRIER_BLOCKED", "TEXT_SPAM", "TEXT_PROTECT_BLOCKED");
    /** Failures once the event says it is final (before that the service may still get through). */
    private static final Set<String> FAILED_WHEN_FINAL = Set.of("TEXT_UNREACHABLE", "TEXT_CARRIER_UNREACHABLE",
            "TEXT_TTL_EXPIRED", "TEXT_UNKNOWN");

    private final DeliveryReceipts receipts;
    private final InboundSms inbound;
    private final PracticeNumbers numbers;
    private final ContactNormalizer normalizer;

    EndUserMessagingEvents(DeliveryReceipts receipts, InboundSms inbound, PracticeNumbers numbers,
            ContactNormalizer normalizer) {
        this.receipts = receipts;
        this.inbound = inbound;
        this.numbers = numbers;
        this.normalizer = normalizer;
    }

    /** Whether an SNS notification's message is End User Messaging's (an SMS event or an inbound text). */
    public boolean handles(JsonNode message) {
        return message.has("inboundMessageId") || text(message, "eventType").filter(t -> t.startsWith("TEXT_"))
                .isPresent();
    }

    @Transactional
    public void apply(JsonNode message) {
        if (message.has("inboundMessageId")) {
            receive(message);
        } else {
            record(message);
        }
    }

    private void record(JsonNode event) {
        String type = text(event, "eventType").orElseThrow();
        String messageId = text(event, "messageId")
                .orElseThrow(() -> new InvalidFieldException("Message", "has no messageId"));
        Optional<DeliveryReceipts.Sent> sent = receipts.find(EndUserMessagingSmsSender.PROVIDER, messageId);
        if (sent.isEmpty()) {
            log.info("End User Messaging {} event for a message CareRelay does not know; acknowledged", type);
            return;
        }
        boolean isFinal = event.path("isFinal").asBoolean(false);
        if (DELIVERED.contains(type)) {
            receipts.record(sent.get(), DeliveryStatus.DELIVERED, null, false);
        } else if (FAILED.contains(type) || (isFinal && FAILED_WHEN_FINAL.contains(type))) {
            receipts.record(sent.get(), DeliveryStatus.FAILED, "eum-" + type, false);
        }
        // TEXT_QUEUED, TEXT_PENDING, and failures that are not final yet: nothing the delivery does not say.
    }

    private void receive(JsonNode text) {
        String to = text(text, "destinationNumber")
                .orElseThrow(() -> new InvalidFieldException("Message", "has no destinationNumber"));
        String from = text(text, "originationNumber")
                .orElseThrow(() -> new InvalidFieldException("Message", "has no originationNumber"));
        String number = normalizer.phone(to, "destinationNumber");
        String sender = normalizer.phone(from, "originationNumber");
        var practice = numbers.practiceFor(number, sender);
        if (practice.isEmpty()) {
            log.warn("An inbound text reached a number no practice has; acknowledged and dropped");
            return;
        }
        inbound.receive(practice.get(), sender, to,
                text(text, "messageBody").orElse(""), EndUserMessagingSmsSender.PROVIDER,
                text(text, "inboundMessageId").orElseThrow(), () -> numbers.sendingFrom(number));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }
}
