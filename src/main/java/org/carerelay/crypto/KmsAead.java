package org.carerelay.crypto;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

import com.google.crypto.tink.Aead;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;

/**
 * Tink's {@link Aead} over an AWS KMS key through the AWS SDK v2 (Tink's own tink-awskms brings SDK v1). It wraps
 * the keyset only: one Encrypt when a keyset is made or rotated, one Decrypt when a node reads it.
 *
 * <p>Associated data goes into the encryption context as {@code associatedData}, hex-encoded, as tink-awskms does,
 * so that keysets stay interchangeable with Tink's tools. Decrypt names the key too: KMS then refuses a ciphertext
 * of any other key instead of quietly using it.
 */
final class KmsAead implements Aead, AutoCloseable {

    static final String CONTEXT_KEY = "associatedData";

    private final KmsClient kms;
    private final String keyArn;

    KmsAead(KmsClient kms, String keyArn) {
        this.kms = kms;
        this.keyArn = keyArn;
    }

    String keyArn() {
        return keyArn;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        try {
            EncryptRequest.Builder request = EncryptRequest.builder().keyId(keyArn)
                    .plaintext(SdkBytes.fromByteArray(plaintext));
            if (hasContent(associatedData)) {
                request.encryptionContext(context(associatedData));
            }
            return kms.encrypt(request.build()).ciphertextBlob().asByteArray();
        } catch (SdkException e) {
            throw new GeneralSecurityException("AWS KMS Encrypt with " + keyArn + " failed: " + reason(e), e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        try {
            DecryptRequest.Builder request = DecryptRequest.builder().keyId(keyArn)
                    .ciphertextBlob(SdkBytes.fromByteArray(ciphertext));
            if (hasContent(associatedData)) {
                request.encryptionContext(context(associatedData));
            }
            return kms.decrypt(request.build()).plaintext().asByteArray();
        } catch (SdkException e) {
            throw new GeneralSecurityException("AWS KMS Decrypt with " + keyArn + " failed: " + reason(e), e);
        }
    }

    /** KMS's error code first (AccessDeniedException, DisabledException, …): what an operator searches for. */
    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    private static boolean hasContent(byte[] associatedData) {
        return associatedData != null && associatedData.length > 0;
    }

    private static Map<String, String> context(byte[] associatedData) {
        return Map.of(CONTEXT_KEY, HexFormat.of().formatHex(associatedData));
    }

    @Override
    public void close() {
        kms.close();
    }
}
