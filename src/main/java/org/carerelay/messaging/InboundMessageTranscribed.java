package org.carerelay.messaging;

import java.util.UUID;

import org.carerelay.shared.PracticeId;

/** A voicemail's transcription arrived (or failed for good): its text is now the message's. Ids only. */
public record InboundMessageTranscribed(PracticeId practice, UUID inboundMessageId) {
}
