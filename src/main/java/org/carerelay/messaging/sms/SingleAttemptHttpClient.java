package org.carerelay.messaging.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * twilio-java's HTTP client without its own retries: on a 5xx it would try again with a growing sleep, holding a
 * dispatch worker for seconds (and the underlying Apache client would retry a 503 once more). The dispatch worker retries with its backoff instead, and the circuit breaker
 * sees every failure.
 */
public class SingleAttemptHttpClient extends NetworkHttpClient {

    public SingleAttemptHttpClient() {
        // Apache HttpClient's own retry of 429 and 503 is off too: one request per attempt.
        super(HttpClientBuilder.create().disableAutomaticRetries().setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG));
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }
}
