package org.carerelay.video;

import java.time.Instant;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Local mode's stand-in for a video vendor: a placeholder room page served by CareRelay itself
 * ({@code /video/placeholder/<id>}), so that booking, reminders and the visit pages work without an account.
 */
@Component
class LocalRoomVendor implements RoomVendor {

    private final String baseUrl;

    LocalRoomVendor(@Value("${carerelay.public-base-url}") String publicBaseUrl) {
        this.baseUrl = publicBaseUrl.replaceAll("/+$", "") + "/video/placeholder/";
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public CreatedRoom create(Instant start, Instant end, boolean hipaa) {
        String id = UUID.randomUUID().toString();
        return new CreatedRoom(id, baseUrl + id, baseUrl + id + "?host");
    }

    @Override
    public void delete(String meetingId) {
        // nothing kept: the placeholder page is the same for every room
    }
}
