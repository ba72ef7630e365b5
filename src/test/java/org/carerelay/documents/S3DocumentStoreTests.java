package org.carerelay.documents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 document store against a WireMock stub speaking S3's REST API (path-style, as a custom endpoint is). */
class S3DocumentStoreTests {

    static final String KEY = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    WireMockServer s3;
    S3DocumentStore store;

    @BeforeEach
    void aBucket() {
        s3 = new WireMockServer(wireMockConfig().dynamicPort());
        s3.start();
        store = new S3DocumentStore(S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create(s3.baseUrl()))
                .forcePathStyle(true)
                .build(), "carerelay-documents");
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    @Test
    void contentIsPutUnderItsKeyAndReadBack() {
        byte[] sealed = "sealed bytes".getBytes(StandardCharsets.UTF_8);
        s3.stubFor(put(urlPathEqualTo("/carerelay-documents/" + KEY)).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"abc\"")));
        s3.stubFor(get(urlPathEqualTo("/carerelay-documents/" + KEY)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(sealed)));

        store.put(KEY, sealed);

        s3.verify(putRequestedFor(urlPathEqualTo("/carerelay-documents/" + KEY))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching(
                        "AWS4-HMAC-SHA256 Credential=test/.*")));
        assertThat(s3.findAll(putRequestedFor(urlPathEqualTo("/carerelay-documents/" + KEY))).get(0).getBody())
                .contains(sealed);
        assertThat(store.get(KEY)).isEqualTo(sealed);
    }

    @Test
    void aMissingObjectIsAnError() {
        s3.stubFor(get(urlEqualTo("/carerelay-documents/" + KEY)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                        + "</Error>")));

        assertThatThrownBy(() -> store.get(KEY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing");
    }
}
