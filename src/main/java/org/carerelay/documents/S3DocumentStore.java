package org.carerelay.documents;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Documents in an S3 bucket (several nodes, or a managed store): one object per key. The content is sealed by
 * CareRelay before it leaves, so the bucket holds ciphertext whatever its own encryption settings.
 */
class S3DocumentStore implements DocumentStore {

    private final S3Client s3;
    private final String bucket;

    S3DocumentStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] sealed) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(sealed));
    }

    @Override
    public byte[] get(String key) {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new IllegalStateException("A document's content is missing from the store", e);
        }
    }
}
