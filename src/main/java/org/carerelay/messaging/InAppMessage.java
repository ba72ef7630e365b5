package org.carerelay.messaging;

import java.time.Instant;

/** A message delivered in the portal: its title and text, and when it arrived. */
public record InAppMessage(DeliveryId id, String title, String body, Instant deliveredAt) {
}
