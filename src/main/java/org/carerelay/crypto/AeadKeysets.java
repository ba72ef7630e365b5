package org.carerelay.crypto;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Every Tink call CareRelay makes, in one place: keysets of AES-256-GCM keys (each ciphertext names its key, so a
 * keyset can hold the keys of every rotation), in Tink's JSON format, in the clear or wrapped by another AEAD.
 */
final class AeadKeysets {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private AeadKeysets() {
    }

    static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate an AES-256-GCM keyset", e);
        }
    }

    /** The keyset with a new AES-256-GCM key as its primary: new values use it, the older keys still open. */
    static KeysetHandle withNewPrimary(KeysetHandle current) {
        try {
            return KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not add a key to the keyset", e);
        }
    }

    static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static String toCleartextJson(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }

    static KeysetHandle fromCleartextJson(String json) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    }

    static String toWrappedJson(KeysetHandle keyset, Aead wrapping, byte[] associatedData)
            throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, wrapping, associatedData);
    }

    static KeysetHandle fromWrappedJson(String json, Aead wrapping, byte[] associatedData)
            throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, wrapping, associatedData);
    }
}
