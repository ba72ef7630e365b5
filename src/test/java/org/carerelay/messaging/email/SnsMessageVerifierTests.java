package org.carerelay.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.carerelay.SharedTestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Real signed Amazon SNS messages with the certificates they name, from ../shared/testdata/sns-signature. */
class SnsMessageVerifierTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Path> messages() throws IOException {
        Path root = SharedTestData.file("sns-signature/SOURCE.txt").getParent();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void verifiesEveryRealMessageAndRefusesItOnceAlteredOrMisdirected(Path file) throws IOException {
        ObjectNode message = (ObjectNode) JSON.readTree(file.toFile());
        SnsMessageVerifier verifier = verifierAt(file, message);

        assertThat(verifier.verify(message)).as("genuine").isTrue();

        ObjectNode altered = message.deepCopy();
        altered.put("Message", message.path("Message").asString() + " ");
        assertThat(verifier.verify(altered)).as("altered").isFalse();

        ObjectNode misdirected = message.deepCopy();
        misdirected.put("SigningCertURL", message.path("SigningCertURL").asString()
                .replace("amazonaws.com", "amazonaws.com.attacker.example"));
        assertThat(verifier.verify(misdirected)).as("certificate from elsewhere").isFalse();
    }

    /** The certificate in the message's folder, checked for validity at the time the message was sent. */
    private static SnsMessageVerifier verifierAt(Path file, JsonNode message) throws IOException {
        Path pem;
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            pem = siblings.filter(path -> path.toString().endsWith(".pem")).findFirst().orElseThrow();
        }
        byte[] certificate = Files.readAllBytes(pem);
        Clock sentAt = Clock.fixed(Instant.parse(message.path("Timestamp").asString()), ZoneOffset.UTC);
        return new SnsMessageVerifier(url -> HttpsSnsSigningKeys.validNow(HttpsSnsSigningKeys.parse(certificate),
                sentAt).getPublicKey());
    }
}
