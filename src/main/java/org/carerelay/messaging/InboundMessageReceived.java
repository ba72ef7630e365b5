package org.carerelay.messaging;

import java.util.UUID;

import org.carerelay.shared.PracticeId;

/**
 * A message from outside reached the practice and is not the hub's own business (not a STOP, START or HELP): the
 * inbox takes it from here, within the transaction that keeps it. Carries ids only; the content stays in the table
 * ({@link InboundMessages}), so no event publication can hold PHI.
 */
public record InboundMessageReceived(PracticeId practice, UUID inboundMessageId) {
}
