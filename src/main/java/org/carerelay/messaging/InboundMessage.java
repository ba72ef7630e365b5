package org.carerelay.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * A message as it reached the practice, kept raw.
 *
 * @param channel   SMS, EMAIL, VOICE or PORTAL
 * @param sender    the address it came from: an E.164 number or an e-mail address
 * @param recipient the practice's number or address it was sent to
 * @param body      what the sender wrote: for an e-mail, its text without the quoted history
 */
public record InboundMessage(UUID id, String channel, String sender, String recipient, String body, String provider,
        Instant receivedAt) {

    /** How the text of a voicemail whose transcription has not arrived yet ends. */
    public static final String TRANSCRIPTION_PENDING = "transcription pending; listen to the recording.";

    /** How the text of a voicemail whose transcription failed reads. */
    public static final String TRANSCRIPTION_FAILED = "Voicemail: the transcription failed; listen to the recording.";

    /** A voicemail filed before its words are known: its text says so, and says nothing of the patient's. */
    public boolean awaitingTranscription() {
        return "VOICE".equals(channel) && body.endsWith(TRANSCRIPTION_PENDING);
    }

    /** A voicemail whose words nobody will read: only someone listening can tell what it says. */
    public boolean untranscribed() {
        return "VOICE".equals(channel) && body.equals(TRANSCRIPTION_FAILED);
    }
}
