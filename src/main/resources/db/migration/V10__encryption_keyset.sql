-- The PHI keyset (Tink, AES-256-GCM) when an AWS KMS key wraps it (CARERELAY_KMS_KEY_ARN), kept here so that every
-- node of a deployment reads the same one. Rows are only added: version 1 by the first node to start, one more by
-- each `keys rotate`, each the whole keyset (the new primary key with every older one, which still opens what it
-- sealed). The newest version is the keyset. The application account may only read and add rows (afterMigrate.sql).
CREATE TABLE encryption_keyset (
    version     integer     PRIMARY KEY CHECK (version > 0),
    kms_key_arn text        NOT NULL, -- the KMS key that wrapped this version
    keyset      text        NOT NULL, -- Tink's JSON EncryptedKeyset: KMS ciphertext and key ids, no key in the clear
    created_at  timestamptz NOT NULL DEFAULT now()
);
