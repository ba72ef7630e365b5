package org.carerelay.messaging.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * twilio-java's HTTP client without its own retries: on a 5xx it would try again with a growing sleep, holding a
 * dispatch worker for seconds (and the underlying Apache client would retry a 503 once more). The dispatch worker retries with its backoff instead, and the circuit breaker
 * sees every failure.
 */
public class SingleAttemptHttpClient extends NetworkHttpClient {

    /** Well inside the dispatch lease (2 minutes), so that a slow answer cannot outlive its claim. */
    static final Timeout RESPONSE_TIMEOUT = Timeout.ofSeconds(30);
    /** At least as many connections as the dispatch worker sends at once. */
    static final int CONNECTIONS = 64;

    public SingleAttemptHttpClient() {
        // Apache HttpClient's own retry of 429 and 503 is off too: one request per attempt.
        super(HttpClientBuilder.create()
                .disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(CONNECTIONS)
                        .setMaxConnTotal(CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10))
                                .setSocketTimeout(RESPONSE_TIMEOUT)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(10))
                        .setResponseTimeout(RESPONSE_TIMEOUT)
                        .build()));
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }
}
