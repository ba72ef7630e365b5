package org.carerelay.video;

import java.time.Instant;
import java.util.UUID;

/**
 * A live vendor room of a video appointment. {@code roomUrl} admits the patient, {@code hostRoomUrl} the provider;
 * both are secrets. The room opens {@link VideoRooms#OPENS_BEFORE} before {@code startsAt}; the vendor closes it
 * at {@code endsAt}.
 */
public record VideoRoom(UUID id, UUID appointmentId, String vendor, String meetingId, String roomUrl,
        String hostRoomUrl, Instant startsAt, Instant endsAt) {

    /** Whether the room may be entered at {@code now}: from a quarter of an hour before the visit to its end. */
    public boolean open(Instant now) {
        return !now.isBefore(startsAt.minus(VideoRooms.OPENS_BEFORE)) && now.isBefore(endsAt);
    }
}
