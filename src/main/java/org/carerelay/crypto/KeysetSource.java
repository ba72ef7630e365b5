package org.carerelay.crypto;

import com.google.crypto.tink.KeysetHandle;

/** Where the PHI keyset is kept: a local key file, or the database with the keyset wrapped by AWS KMS. */
interface KeysetSource {

    /** The current keyset; the first call on a fresh installation makes and keeps it. */
    KeysetHandle load();

    /** Adds a new primary key and keeps the keyset so; the older keys stay, to open what they sealed. */
    KeysetHandle rotate();
}
