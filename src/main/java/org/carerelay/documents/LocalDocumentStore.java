package org.carerelay.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Documents in a local directory (local mode, or one server with a backed-up disk): one file per key, written to a
 * temporary name and moved into place, so that a crash never leaves half a document under its name.
 */
class LocalDocumentStore implements DocumentStore {

    private final Path directory;

    LocalDocumentStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public void put(String key, byte[] sealed) {
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "incoming-", ".tmp");
            Files.write(temporary, sealed);
            Files.move(temporary, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store a document", e);
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return Files.readAllBytes(file(key));
        } catch (IOException e) {
            throw new IllegalStateException("A document's content is missing from the store", e);
        }
    }

    private Path file(String key) {
        if (!key.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("A document key is a UUID");
        }
        return directory.resolve(key);
    }
}
