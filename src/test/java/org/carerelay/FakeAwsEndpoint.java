package org.carerelay;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A WireMock server standing in for an AWS endpoint (SES, End User Messaging), started, with test credentials
 * for the SDK's default chain: nothing real, nothing committed that looks real. Tests point
 * {@code carerelay.aws.endpoint} at it.
 */
public final class FakeAwsEndpoint {

    private FakeAwsEndpoint() {
    }

    public static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        System.setProperty("aws.accessKeyId", "test-access-key");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
        return server;
    }
}
