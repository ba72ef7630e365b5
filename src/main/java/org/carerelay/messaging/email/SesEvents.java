package org.carerelay.messaging.email;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.messaging.DeliveryId;
import org.carerelay.messaging.DeliveryStatus;
import org.carerelay.messaging.dispatch.DeliveryReceipts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * SES's reports about an email it sent, as SNS notifications (notificationType) or event publishing (eventType):
 * delivered, a permanent bounce (the address is suppressed), a complaint (suppressed too), rejected or not
 * renderable (failed). Transient bounces, delays, opens and clicks change nothing. Mail sent through SES's SMTP
 * interface carries SES message ids CareRelay never saw; it is found by its {@code X-CareRelay-Delivery} header.
 */
@Component
class SesEvents {

    private static final Logger log = LoggerFactory.getLogger(SesEvents.class);

    private final DeliveryReceipts receipts;

    SesEvents(DeliveryReceipts receipts) {
        this.receipts = receipts;
    }

    /** @throws IllegalArgumentException when the event lacks its type or the message id */
    @Transactional
    void apply(JsonNode event) {
        String type = text(event, "notificationType").or(() -> text(event, "eventType"))
                .orElseThrow(() -> new IllegalArgumentException("no notificationType or eventType"));
        String messageId = Optional.ofNullable(event.get("mail")).flatMap(mail -> text(mail, "messageId"))
                .orElseThrow(() -> new IllegalArgumentException("no mail.messageId"));
        Optional<DeliveryReceipts.Sent> sent = receipts.find(SesEmailSender.PROVIDER, messageId)
                .or(() -> deliveryHeader(event.path("mail")).flatMap(receipts::findEmail));
        if (sent.isEmpty()) {
            log.info("SES {} event for a message CareRelay does not know; acknowledged", type);
            return;
        }
        switch (type) {
            case "Delivery" -> receipts.record(sent.get(), DeliveryStatus.DELIVERED, null, false);
            case "Bounce" -> {
                JsonNode bounce = event.path("bounce");
                if ("Permanent".equals(text(bounce, "bounceType").orElse(null))) {
                    receipts.record(sent.get(), DeliveryStatus.BOUNCED,
                            "ses-bounce-" + text(bounce, "bounceSubType").orElse("General"), false);
                    // Only the address this delivery went to: an event never suppresses anyone else's.
                    if (lists(bounce.path("bouncedRecipients"), sent.get().recipient())) {
                        receipts.suppress(sent.get(), "bounce");
                    }
                }
            }
            case "Complaint" -> {
                if (lists(event.path("complaint").path("complainedRecipients"), sent.get().recipient())) {
                    receipts.suppress(sent.get(), "complaint");
                }
            }
            case "Reject" -> receipts.record(sent.get(), DeliveryStatus.FAILED, "ses-reject", false);
            case "Rendering Failure" -> receipts.record(sent.get(), DeliveryStatus.FAILED, "ses-rendering-failure",
                    false);
            default -> {
                // Send, DeliveryDelay, Open, Click, Subscription: nothing the delivery does not already say
            }
        }
    }

    /** The delivery id CareRelay put in the mail's headers (SES includes them in its events). */
    private static Optional<DeliveryId> deliveryHeader(JsonNode mail) {
        for (JsonNode header : mail.path("headers")) {
            if (text(header, "name").map(SmtpEmailSender.DELIVERY_HEADER::equalsIgnoreCase).orElse(false)) {
                try {
                    return text(header, "value").map(UUID::fromString).map(DeliveryId::new);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static boolean lists(JsonNode recipients, String address) {
        for (JsonNode recipient : recipients) {
            if (text(recipient, "emailAddress").map(a -> a.toLowerCase(Locale.ROOT).equals(address)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }
}
