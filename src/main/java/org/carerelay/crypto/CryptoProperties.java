package org.carerelay.crypto;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the PHI keyset is kept.
 *
 * @param keysetFile the cleartext keyset file used when there is no KMS key ({@code CARERELAY_KEYSET_FILE},
 *                   default {@code data/keys/phi-keyset.json}); made on first start, readable by its owner only
 * @param kmsKeyArn  the AWS KMS key that wraps the keyset, which then lives in the database
 *                   ({@code CARERELAY_KMS_KEY_ARN}); blank means the key file
 */
@ConfigurationProperties("carerelay.crypto")
record CryptoProperties(Path keysetFile, String kmsKeyArn) {

    boolean usesKms() {
        return kmsKeyArn != null && !kmsKeyArn.isBlank();
    }
}
