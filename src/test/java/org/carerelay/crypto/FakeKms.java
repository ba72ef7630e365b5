package org.carerelay.crypto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.net.URI;
import java.util.HexFormat;

import com.github.tomakehurst.wiremock.WireMockServer;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * AWS KMS as the SDK speaks to it (JSON 1.1: {@code POST /}, {@code X-Amz-Target: TrentService.Encrypt}), played by
 * WireMock for one key. Its "ciphertext" is the plaintext encoded once more, so that Decrypt can give it back; it
 * answers Decrypt only for its key and the keyset's encryption context, and anything else as KMS would refuse it.
 */
final class FakeKms {

    /** The example key of AWS's documentation. */
    static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String CONTEXT = HexFormat.of().formatHex(KmsWrappedKeysets.ASSOCIATED_DATA);
    static final String JSON_1_1 = "application/x-amz-json-1.1";

    private FakeKms() {
    }

    static void stubKey(WireMockServer server, String keyArn) {
        server.stubFor(post(urlEqualTo("/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("TrentService.Encrypt"))
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo(keyArn)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_1_1)
                        .withBody("{\"CiphertextBlob\": \"{{base64 (jsonPath request.body '$.Plaintext')}}\", "
                                + "\"KeyId\": \"" + keyArn + "\", \"EncryptionAlgorithm\": \"SYMMETRIC_DEFAULT\"}")
                        .withTransformers("response-template")));
        server.stubFor(post(urlEqualTo("/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo(keyArn)))
                .withRequestBody(matchingJsonPath("$.EncryptionContext.associatedData", equalTo(CONTEXT)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_1_1)
                        .withBody("{\"Plaintext\": \"{{base64 (jsonPath request.body '$.CiphertextBlob') "
                                + "decode=true}}\", \"KeyId\": \"" + keyArn + "\", "
                                + "\"EncryptionAlgorithm\": \"SYMMETRIC_DEFAULT\"}")
                        .withTransformers("response-template")));
        refuseEverythingElse(server, "InvalidCiphertextException", "");
    }

    /** What KMS answers a caller whose role may not use the key. */
    static void refuseAccess(WireMockServer server, String keyArn) {
        server.stubFor(post(urlEqualTo("/")).atPriority(2)
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo(keyArn)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_1_1)
                        .withBody("{\"__type\": \"AccessDeniedException\", \"message\": \"User: "
                                + "arn:aws:sts::111122223333:assumed-role/carerelay/i-0abc is not authorized to "
                                + "perform: kms:Decrypt on this resource because no identity-based policy allows "
                                + "the kms:Decrypt action\"}")));
    }

    private static void refuseEverythingElse(WireMockServer server, String type, String message) {
        server.stubFor(post(urlEqualTo("/")).atPriority(10)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_1_1)
                        .withBody("{\"__type\": \"" + type + "\", \"message\": \"" + message + "\"}")));
    }

    /** A client of the fake, as a second node would build it. */
    static KmsClient client(WireMockServer server) {
        return KmsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
    }
}
