package org.carerelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.google.crypto.tink.KeysetHandle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing and opening with the local key file: the keyset of local mode and of on-prem without KMS. */
class PhiCipherTests {

    static final String TEXT = "Can I come at 3 instead? My chest still hurts.";
    static final String PLACE = "inbound_message.body:6f1c0e7a-8a53-4a0e-9a65-0d2b8c1f3e11";

    @TempDir
    Path directory;
    Path file;
    PhiCipher cipher;

    @BeforeEach
    void cipherWithANewKeyFile() {
        file = directory.resolve("keys").resolve("phi-keyset.json");
        cipher = new PhiCipher(new LocalKeysetFile(file));
    }

    @Test
    void sealsAValueIntoTextThatOpensAtItsPlace() {
        String sealed = cipher.seal(TEXT, PLACE);

        assertThat(sealed).startsWith("enc:v1:").doesNotContain("chest");
        assertThat(cipher.seal(TEXT, PLACE)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(cipher.open(sealed, PLACE)).isEqualTo(TEXT);
        assertThat(cipher.open(cipher.seal("", PLACE), PLACE)).isEmpty();
    }

    @Test
    void refusesToOpenAValueCopiedToAnotherPlaceAndSaysNothingOfIt() {
        String sealed = cipher.seal(TEXT, PLACE);

        assertThatThrownBy(() -> cipher.open(sealed, "inbound_message.body:another-row"))
                .isInstanceOf(PhiDecryptionException.class)
                .message().doesNotContain("chest").doesNotContain(PLACE).doesNotContain(sealed.substring(7, 20));
        assertThatThrownBy(() -> cipher.open(sealed, "staff_credential.totp_secret:6f1c0e7a"))
                .isInstanceOf(PhiDecryptionException.class);
    }

    @Test
    void returnsValuesWrittenBeforeEncryptionAsTheyAre() {
        assertThat(cipher.open(TEXT, PLACE)).isEqualTo(TEXT);
        assertThat(cipher.open("JBSWY3DPEHPK3PXP", PLACE)).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(cipher.open(null, PLACE)).isNull();
        assertThat(cipher.seal(null, PLACE)).isNull();
    }

    @Test
    void refusesAnAlteredValue() {
        byte[] ciphertext = Base64.getDecoder().decode(cipher.seal(TEXT, PLACE).substring(PhiCipher.PREFIX.length()));
        ciphertext[ciphertext.length - 20] ^= 1;
        String altered = PhiCipher.PREFIX + Base64.getEncoder().encodeToString(ciphertext);

        assertThatThrownBy(() -> cipher.open(altered, PLACE)).isInstanceOf(PhiDecryptionException.class);
        assertThatThrownBy(() -> cipher.open("enc:v1:not base64!", PLACE)).isInstanceOf(PhiDecryptionException.class);
        assertThatThrownBy(() -> cipher.open("enc:v1:", PLACE)).isInstanceOf(PhiDecryptionException.class);
    }

    @Test
    void needsAPlaceToSealOrOpen() {
        assertThatThrownBy(() -> cipher.seal(TEXT, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open(cipher.seal(TEXT, PLACE), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void makesTheKeyFileReadableByItsOwnerOnlyAndReusesIt() throws Exception {
        String json = Files.readString(file);
        assertThat(json).contains("primaryKeyId", "type.googleapis.com/google.crypto.tink.AesGcmKey");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }

        PhiCipher afterRestart = new PhiCipher(new LocalKeysetFile(file));

        assertThat(Files.readString(file)).isEqualTo(json);
        assertThat(afterRestart.open(cipher.seal(TEXT, PLACE), PLACE)).isEqualTo(TEXT);
        assertThat(cipher.open(afterRestart.seal(TEXT, PLACE), PLACE)).isEqualTo(TEXT);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void nodesStartingAtOnceAgreeOnOneKeyset() throws Exception {
        Path shared = directory.resolve("race").resolve("phi-keyset.json");
        ExecutorService starts = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> nodes = IntStream.range(0, 8)
                    .<Callable<Integer>>mapToObj(i -> () -> new LocalKeysetFile(shared).load().getPrimary().getId())
                    .toList();
            List<Integer> primaries = starts.invokeAll(nodes).stream().map(PhiCipherTests::result).toList();
            assertThat(primaries).containsOnly(new LocalKeysetFile(shared).load().getPrimary().getId());
        } finally {
            starts.shutdownNow();
        }
    }

    @Test
    void aRotationSealsWithTheNewKeyAndStillOpensWhatTheOldOneSealed() {
        LocalKeysetFile keys = new LocalKeysetFile(file);
        String before = cipher.seal(TEXT, PLACE);
        PhiCipher startedBeforeRotation = new PhiCipher(keys, Duration.ZERO);

        KeysetHandle rotated = keys.rotate();
        PhiCipher startedAfter = new PhiCipher(keys);
        String after = startedAfter.seal(TEXT, PLACE);

        assertThat(rotated.size()).isEqualTo(2);
        assertThat(keyId(after)).isEqualTo(rotated.getPrimary().getId()).isNotEqualTo(keyId(before));
        assertThat(startedAfter.open(before, PLACE)).isEqualTo(TEXT);
        assertThat(startedBeforeRotation.open(after, PLACE)).as("reads the keyset again").isEqualTo(TEXT);
        assertThat(cipher.open(before, PLACE)).isEqualTo(TEXT);
    }

    /** The id of the key that sealed a value: Tink puts it after a version byte at the front of the ciphertext. */
    static int keyId(String sealed) {
        byte[] ciphertext = Base64.getDecoder().decode(sealed.substring(PhiCipher.PREFIX.length()));
        return java.nio.ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
