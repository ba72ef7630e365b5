package org.carerelay.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;

import com.google.crypto.tink.KeysetHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PHI keyset in the database ({@code encryption_keyset}), wrapped by an AWS KMS key, so that every node of a
 * deployment, stateless behind a load balancer, reads the same one. Rows are only ever added: version 1 by the
 * first node to start, one more by each {@code keys rotate}; the newest is the keyset.
 */
final class KmsWrappedKeysets implements KeysetSource, AutoCloseable {

    /** Binds the wrapped keyset to its purpose: no other KMS ciphertext passes for it. */
    static final byte[] ASSOCIATED_DATA = "carerelay.encryption_keyset".getBytes(StandardCharsets.UTF_8);

    private static final Logger log = LoggerFactory.getLogger(KmsWrappedKeysets.class);

    private final JdbcClient jdbc;
    private final KmsAead kms;
    private final LocalKeysetFile formerFile;

    /**
     * @param formerFile the key file this installation used before it had a KMS key: when the database has no
     *                   keyset yet, that keyset is the one wrapped and stored, so that what it sealed stays readable
     */
    KmsWrappedKeysets(JdbcClient jdbc, KmsAead kms, LocalKeysetFile formerFile) {
        this.jdbc = jdbc;
        this.kms = kms;
        this.formerFile = formerFile;
    }

    record StoredKeyset(int version, String kmsKeyArn, String keyset) {
    }

    @Override
    public KeysetHandle load() {
        Optional<StoredKeyset> newest = newest(jdbc);
        if (newest.isEmpty()) {
            store(1, initialKeyset()); // the first node to start wins; every other one reads its keyset
            newest = newest(jdbc);
        }
        return unwrap(newest.orElseThrow());
    }

    @Override
    public KeysetHandle rotate() {
        StoredKeyset current = newest(jdbc).orElseThrow(() -> new IllegalStateException(
                "The database has no PHI keyset yet: start CareRelay once before rotating"));
        KeysetHandle rotated = AeadKeysets.withNewPrimary(unwrap(current));
        if (!store(current.version() + 1, rotated)) {
            throw new IllegalStateException("Another rotation stored keyset version " + (current.version() + 1)
                    + " first; run keys rotate again if one more key is wanted");
        }
        return rotated;
    }

    /** The newest keyset in the database, whichever KMS key wraps it. */
    static Optional<StoredKeyset> newest(JdbcClient jdbc) {
        return jdbc.sql("SELECT version, kms_key_arn, keyset FROM encryption_keyset ORDER BY version DESC LIMIT 1")
                .query((rs, n) -> new StoredKeyset(rs.getInt(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    private KeysetHandle initialKeyset() {
        Optional<KeysetHandle> former = formerFile.readIfPresent();
        if (former.isPresent()) {
            log.info("Storing the keyset of {} in the database, wrapped by AWS KMS key {}", formerFile.path(),
                    kms.keyArn());
        }
        return former.orElseGet(AeadKeysets::generate);
    }

    /** False when a row of that version was there first. */
    private boolean store(int version, KeysetHandle keyset) {
        String wrapped;
        try {
            wrapped = AeadKeysets.toWrappedJson(keyset, kms, ASSOCIATED_DATA);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not wrap the PHI keyset: " + e.getMessage(), e);
        }
        return jdbc.sql("""
                        INSERT INTO encryption_keyset (version, kms_key_arn, keyset) VALUES (:version, :arn, :keyset)
                        ON CONFLICT (version) DO NOTHING""")
                .param("version", version)
                .param("arn", kms.keyArn())
                .param("keyset", wrapped)
                .update() == 1;
    }

    private KeysetHandle unwrap(StoredKeyset stored) {
        try {
            return AeadKeysets.fromWrappedJson(stored.keyset(), kms, ASSOCIATED_DATA);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not read the PHI keyset (version " + stored.version()
                    + ", wrapped by " + stored.kmsKeyArn() + ") with CARERELAY_KMS_KEY_ARN " + kms.keyArn() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        kms.close();
    }
}
