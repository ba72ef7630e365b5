package org.carerelay.video;

import java.time.Instant;

/** A video vendor's rooms: what CareRelay asks of one. */
interface RoomVendor {

    /** The settings value that picks this vendor ({@code video.provider}). */
    String name();

    /**
     * A new room for a visit between {@code start} and {@code end}. {@code hipaa}: locked (the host admits
     * guests), not recorded, not transcribed, a room name that says nothing.
     */
    CreatedRoom create(Instant start, Instant end, boolean hipaa);

    /** Deletes a room; a room already gone is not an error. */
    void delete(String meetingId);

    record CreatedRoom(String meetingId, String roomUrl, String hostRoomUrl) {
    }
}
