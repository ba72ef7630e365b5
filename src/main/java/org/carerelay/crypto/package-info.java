/**
 * PHI at rest: values sealed with Tink AEAD (AES-256-GCM) before they are written, bound to their place by
 * associated data, under a keyset kept in a local key file or, wrapped by AWS KMS, in the database.
 */
@org.springframework.modulith.ApplicationModule(displayName = "PHI encryption")
package org.carerelay.crypto;
