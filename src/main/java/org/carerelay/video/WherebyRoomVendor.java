package org.carerelay.video;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Whereby Embedded's REST API ({@code POST /v1/meetings}, {@code DELETE /v1/meetings/{id}}), authenticated by the
 * account's API key as a bearer token. Rooms are created with an end date (Whereby deletes them some time after
 * it) and the host URL; the HIPAA preset locks the room and names it by a UUID, and asks for no recording or
 * transcription (Whereby starts neither unless asked).
 */
@Component
class WherebyRoomVendor implements RoomVendor {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RestClient http;
    private final String apiKey;

    WherebyRoomVendor(@Value("${carerelay.video.whereby.base-url}") String baseUrl,
            @Value("${carerelay.video.whereby.api-key:}") String apiKey) {
        // HTTP/1.1: the JDK client's attempt to upgrade a plain connection to HTTP/2 is refused by some proxies.
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build());
        requests.setReadTimeout(TIMEOUT);
        this.http = RestClient.builder().baseUrl(baseUrl.replaceAll("/+$", "")).requestFactory(requests).build();
        this.apiKey = apiKey;
    }

    @Override
    public String name() {
        return "whereby";
    }

    @Override
    public CreatedRoom create(Instant start, Instant end, boolean hipaa) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("startDate", start.toString());
        body.put("endDate", end.toString());
        body.put("isLocked", hipaa);
        body.put("roomMode", "normal");
        body.put("roomNamePrefix", "visit");
        body.put("roomNamePattern", hipaa ? "uuid" : "human-short");
        body.put("fields", List.of("hostRoomUrl"));
        Meeting meeting = http.post().uri("/meetings")
                .headers(headers -> headers.setBearerAuth(requireKey()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(Meeting.class);
        if (meeting == null || meeting.meetingId() == null || meeting.roomUrl() == null
                || meeting.hostRoomUrl() == null) {
            throw new IllegalStateException("Whereby answered a meeting without its id or URLs");
        }
        return new CreatedRoom(meeting.meetingId(), meeting.roomUrl(), meeting.hostRoomUrl());
    }

    @Override
    public void delete(String meetingId) {
        try {
            http.delete().uri("/meetings/{id}", meetingId)
                    .headers(headers -> headers.setBearerAuth(requireKey()))
                    .retrieve()
                    .toBodilessEntity();
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() != HttpStatus.NOT_FOUND) {
                throw e;
            }
        }
    }

    private String requireKey() {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("No Whereby API key: set CARERELAY_WHEREBY_API_KEY");
        }
        return apiKey;
    }

    /** The part of Whereby's answer CareRelay keeps. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Meeting(String meetingId, String roomUrl, String hostRoomUrl) {
    }
}
