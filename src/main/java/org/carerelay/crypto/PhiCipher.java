package org.carerelay.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;

/**
 * Seals PHI before it is written and opens it after it is read (Tink AEAD, AES-256-GCM). A sealed value is text,
 * {@code enc:v1:} and the base64 of Tink's ciphertext, which names the key that sealed it, so values sealed before
 * a key rotation stay readable.
 *
 * <p>The associated data is the value's place, e.g. {@code "inbound_message.body:" + rowId}: a sealed value copied
 * to another row or column does not open there. Values written before encryption existed have no prefix and are
 * returned as they are.
 */
public final class PhiCipher {

    static final String PREFIX = "enc:v1:";

    /** Tink's prefix of a ciphertext: one version byte, then the id of the key that sealed it. */
    private static final byte TINK_PREFIX_VERSION = 1;
    private static final int TINK_PREFIX_LENGTH = 5;
    /**
     * A value whose key is unknown makes this node read the keyset again (a KMS call in production), but not more
     * often than this: values from another installation must not turn into a stream of KMS calls.
     */
    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);

    private final KeysetSource source;
    private final long reloadIntervalNanos;
    private volatile LoadedKeyset keyset;

    PhiCipher(KeysetSource source) {
        this(source, RELOAD_INTERVAL);
    }

    PhiCipher(KeysetSource source, Duration reloadInterval) {
        this.source = source;
        this.reloadIntervalNanos = reloadInterval.toNanos();
        this.keyset = LoadedKeyset.of(source.load());
    }

    /** {@code plaintext} sealed for {@code associatedData} (its place); null stays null. */
    public String seal(String plaintext, String associatedData) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] ciphertext = keyset.aead()
                    .encrypt(plaintext.getBytes(StandardCharsets.UTF_8), bytes(associatedData));
            return PREFIX + Base64.getEncoder().encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a value", e);
        }
    }

    /**
     * The plaintext of {@code stored}, sealed for {@code associatedData}; a value without the prefix (written
     * before encryption) as it is; null stays null.
     *
     * @throws PhiDecryptionException when the value was altered, was sealed for another place, or its key is unknown
     */
    public String open(String stored, String associatedData) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new PhiDecryptionException(e);
        }
        return new String(openBytes(ciphertext, associatedData), StandardCharsets.UTF_8);
    }

    /** {@code plaintext} (a document's content) sealed for {@code associatedData}: Tink's ciphertext, raw. */
    public byte[] sealBytes(byte[] plaintext, String associatedData) {
        try {
            return keyset.aead().encrypt(plaintext, bytes(associatedData));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a value", e);
        }
    }

    /**
     * The plaintext of {@code ciphertext} sealed by {@link #sealBytes} for {@code associatedData}.
     *
     * @throws PhiDecryptionException when it was altered, was sealed for another place, or its key is unknown
     */
    public byte[] openBytes(byte[] ciphertext, String associatedData) {
        byte[] ad = bytes(associatedData);
        LoadedKeyset current = keyset;
        try {
            return current.aead().decrypt(ciphertext, ad);
        } catch (GeneralSecurityException e) {
            LoadedKeyset reloaded = reloadForUnknownKey(current, ciphertext);
            if (reloaded == null) {
                throw new PhiDecryptionException(e);
            }
            try {
                return reloaded.aead().decrypt(ciphertext, ad);
            } catch (GeneralSecurityException again) {
                throw new PhiDecryptionException(again);
            }
        }
    }

    /**
     * After {@code keys rotate}, nodes that started before it meet values sealed under the new key: they read the
     * keyset again. A value naming a key this node has is simply wrong, and reading again would not help.
     */
    private synchronized LoadedKeyset reloadForUnknownKey(LoadedKeyset failed, byte[] ciphertext) {
        if (ciphertext.length < TINK_PREFIX_LENGTH || ciphertext[0] != TINK_PREFIX_VERSION) {
            return null;
        }
        int keyId = ByteBuffer.wrap(ciphertext, 1, 4).getInt();
        if (keyset != failed) {
            return keyset.keyIds().contains(keyId) ? keyset : null; // another thread read it meanwhile
        }
        if (failed.keyIds().contains(keyId) || System.nanoTime() - failed.loadedAt() < reloadIntervalNanos) {
            return null;
        }
        keyset = LoadedKeyset.of(source.load());
        return keyset.keyIds().contains(keyId) ? keyset : null;
    }

    private static byte[] bytes(String associatedData) {
        if (associatedData == null || associatedData.isBlank()) {
            throw new IllegalArgumentException("associated data (the value's place) is required");
        }
        return associatedData.getBytes(StandardCharsets.UTF_8);
    }

    private record LoadedKeyset(Aead aead, Set<Integer> keyIds, long loadedAt) {

        static LoadedKeyset of(KeysetHandle handle) {
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < handle.size(); i++) {
                ids.add(handle.getAt(i).getId());
            }
            try {
                return new LoadedKeyset(AeadKeysets.aead(handle), Set.copyOf(ids), System.nanoTime());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The PHI keyset holds no usable AEAD key", e);
            }
        }
    }
}
