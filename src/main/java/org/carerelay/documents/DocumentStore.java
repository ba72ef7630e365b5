package org.carerelay.documents;

/** Where documents' sealed content is kept, by key. */
interface DocumentStore {

    void put(String key, byte[] sealed);

    /** The sealed content under {@code key}; {@link IllegalStateException} when it is missing. */
    byte[] get(String key);
}
