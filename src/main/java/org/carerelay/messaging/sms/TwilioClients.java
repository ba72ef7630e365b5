package org.carerelay.messaging.sms;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.twilio.http.HttpClient;
import com.twilio.http.TwilioRestClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One twilio-java client per Twilio account (a practice may have its own). The HTTP client is the SDK's own
 * unless a bean replaces it (tests point it at a WireMock stub of Twilio's API).
 */
@Component
class TwilioClients {

    private final HttpClient http;
    private final Map<String, TwilioRestClient> clients = new ConcurrentHashMap<>();

    TwilioClients(ObjectProvider<HttpClient> http) {
        this.http = http.getIfAvailable(SingleAttemptHttpClient::new);
    }

    TwilioRestClient forAccount(String accountSid, String authToken) {
        return clients.computeIfAbsent(accountSid + ":" + authToken,
                key -> new TwilioRestClient.Builder(accountSid, authToken).httpClient(http).build());
    }
}
