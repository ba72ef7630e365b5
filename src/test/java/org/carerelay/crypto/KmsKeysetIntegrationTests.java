package org.carerelay.crypto;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.carerelay.CareRelayApplication;
import org.carerelay.ChildJvm;
import org.carerelay.FakeAwsEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production's keyset: in the database, wrapped by an AWS KMS key, against a WireMock stub of the KMS API. This
 * context is the first node to start; the tests play the nodes after it.
 */
@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/kms-${random.uuid}",
        "carerelay.crypto.keyset-file=target/test-data/kms/no-such-keyset.json",
        "carerelay.crypto.kms-key-arn=" + FakeKms.KEY_ARN,
        "carerelay.demo.enabled=false",
        "carerelay.messaging.dispatch.enabled=false"})
class KmsKeysetIntegrationTests {

    static final String DENIED_KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/0000aaaa-00aa-00aa-00aa-000000aaaaaa";
    static final Path NO_FILE = Path.of("target/test-data/kms/no-such-keyset.json");

    static final WireMockServer kms = FakeAwsEndpoint.start();

    static {
        FakeKms.stubKey(kms, FakeKms.KEY_ARN);
        FakeKms.refuseAccess(kms, DENIED_KEY_ARN);
    }

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("carerelay.aws.endpoint", kms::baseUrl);
    }

    @AfterAll
    static void stop() {
        kms.stop();
    }

    @Autowired
    PhiCipher firstNode;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcConnectionDetails application;
    @Autowired
    FlywayConnectionDetails owner;

    @Test
    void theFirstNodeWrapsANewKeysetWithKmsAndKeepsItInTheDatabase() {
        kms.verify(moreThanOrExactly(1), kmsCall("Encrypt")
                .withHeader("Content-Type", containing(FakeKms.JSON_1_1))
                .withHeader("Authorization", containing("AWS4-HMAC-SHA256"))
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo(FakeKms.KEY_ARN)))
                .withRequestBody(matchingJsonPath("$.EncryptionContext.associatedData", equalTo(FakeKms.CONTEXT)))
                .withRequestBody(matchingJsonPath("$.Plaintext")));

        KmsWrappedKeysets.StoredKeyset stored = jdbc.sql(
                        "SELECT version, kms_key_arn, keyset FROM encryption_keyset WHERE version = 1")
                .query((rs, n) -> new KmsWrappedKeysets.StoredKeyset(rs.getInt(1), rs.getString(2), rs.getString(3)))
                .single();
        assertThat(stored.kmsKeyArn()).isEqualTo(FakeKms.KEY_ARN);
        assertThat(stored.keyset()).contains("\"encryptedKeyset\"", "AesGcmKey").doesNotContain("keyData");

        assertThat(firstNode.open(firstNode.seal("a note", "test:1"), "test:1")).isEqualTo("a note");
    }

    @Test
    void anotherNodeReadsTheStoredKeysetThroughKmsDecrypt() {
        String sealed = firstNode.seal("Can I come at 3 instead?", "inbound_message.body:42");
        long keysets = keysets();

        PhiCipher nextNode = new PhiCipher(node(FakeKms.KEY_ARN));

        kms.verify(moreThanOrExactly(1), kmsCall("Decrypt")
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo(FakeKms.KEY_ARN)))
                .withRequestBody(matchingJsonPath("$.EncryptionContext.associatedData", equalTo(FakeKms.CONTEXT)))
                .withRequestBody(matchingJsonPath("$.CiphertextBlob")));
        assertThat(keysets()).as("no second keyset").isEqualTo(keysets);
        assertThat(nextNode.open(sealed, "inbound_message.body:42")).isEqualTo("Can I come at 3 instead?");
        assertThat(firstNode.open(nextNode.seal("and the reply", "test:2"), "test:2")).isEqualTo("and the reply");
    }

    @Test
    void aRotationAddsAVersionThatEveryNodeComesToRead() {
        String before = firstNode.seal("before the rotation", "test:3");
        KmsWrappedKeysets keys = node(FakeKms.KEY_ARN);
        PhiCipher startedBefore = new PhiCipher(keys, Duration.ZERO);
        long versions = keysets();

        keys.rotate();
        PhiCipher startedAfter = new PhiCipher(keys);
        String after = startedAfter.seal("after the rotation", "test:4");

        assertThat(keysets()).isEqualTo(versions + 1);
        assertThat(PhiCipherTests.keyId(after)).isNotEqualTo(PhiCipherTests.keyId(before));
        assertThat(startedAfter.open(before, "test:3")).isEqualTo("before the rotation");
        assertThat(startedBefore.open(after, "test:4")).isEqualTo("after the rotation");
    }

    @Test
    void theApplicationAccountMayReadAndAddKeysetsButNotChangeThem() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE encryption_keyset SET keyset = 'x'").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM encryption_keyset").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void aNodeWithoutTheKmsKeyRefusesToStart() {
        CryptoProperties noKms = new CryptoProperties(NO_FILE, "");
        assertThatThrownBy(() -> new CryptoConfiguration().phiKeysetSource(noKms, jdbc,
                "jdbc:postgresql://db.internal/carerelay", "us-east-1", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrapped by AWS KMS key " + FakeKms.KEY_ARN)
                .hasMessageContaining("set CARERELAY_KMS_KEY_ARN");
    }

    @Test
    void aKmsRefusalStopsTheStartWithAClearMessage() throws Exception {
        Process server = ChildJvm.start(CareRelayApplication.class, Map.of(
                "CARERELAY_DB_URL", application.getJdbcUrl(),
                "CARERELAY_DB_USER", application.getUsername(),
                "CARERELAY_DB_MIGRATION_USER", owner.getUsername(),
                "CARERELAY_KMS_KEY_ARN", DENIED_KEY_ARN,
                "CARERELAY_AWS_ENDPOINT", kms.baseUrl(),
                "AWS_ACCESS_KEY_ID", "test-access-key",
                "AWS_SECRET_ACCESS_KEY", "test-secret-key",
                "CARERELAY_DATA_DIR", "target/test-data/kms"), "--server.port=0");
        server.getOutputStream().close();
        String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(server.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(server.exitValue()).as(output).isNotZero();
        assertThat(output).contains("Could not read the PHI keyset (version ",
                "wrapped by " + FakeKms.KEY_ARN + ") with CARERELAY_KMS_KEY_ARN " + DENIED_KEY_ARN,
                "failed: AccessDeniedException: User: ", "is not authorized to perform: kms:Decrypt");
    }

    private KmsWrappedKeysets node(String keyArn) {
        return new KmsWrappedKeysets(jdbc, new KmsAead(FakeKms.client(kms), keyArn), new LocalKeysetFile(NO_FILE));
    }

    private long keysets() {
        return jdbc.sql("SELECT count(*) FROM encryption_keyset").query(Long.class).single();
    }

    private static RequestPatternBuilder kmsCall(String action) {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + action));
    }
}
