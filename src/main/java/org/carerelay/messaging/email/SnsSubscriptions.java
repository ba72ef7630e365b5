package org.carerelay.messaging.email;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.stereotype.Component;

/** Confirms an SNS subscription by visiting its SubscribeURL (already checked to be Amazon SNS's own). */
@Component
class SnsSubscriptions {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    boolean confirm(URI subscribeUrl) {
        try {
            return http.send(HttpRequest.newBuilder(subscribeUrl).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
