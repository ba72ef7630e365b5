package org.carerelay.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;

import com.google.crypto.tink.KeysetHandle;

/**
 * The PHI keyset in the clear in a local file ({@code data/keys/phi-keyset.json}), readable by its owner only where
 * the file system has POSIX permissions: local mode's keyset, and an on-prem installation's without AWS KMS. The
 * file is as precious as the database: without it, sealed values cannot be opened.
 */
final class LocalKeysetFile implements KeysetSource {

    private final Path file;

    LocalKeysetFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path path() {
        return file;
    }

    @Override
    public KeysetHandle load() {
        return readIfPresent().orElseGet(() -> {
            KeysetHandle created = AeadKeysets.generate();
            return publish(created) ? created : readIfPresent().orElseThrow();
        });
    }

    /** Rewritten in one step (a complete file replaces the old one), so that no reader ever sees half a keyset. */
    @Override
    public KeysetHandle rotate() {
        KeysetHandle rotated = AeadKeysets.withNewPrimary(load());
        try {
            Path temporary = writeTemporary(rotated);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the PHI keyset file " + file, e);
        }
        return rotated;
    }

    Optional<KeysetHandle> readIfPresent() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AeadKeysets.fromCleartextJson(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the PHI keyset file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The PHI keyset file " + file + " is not a Tink keyset", e);
        }
    }

    /**
     * Puts a new keyset in place unless another process (a second node, an operator command) was first: false
     * then, and that one's keyset is the one to use. A hard link is atomic and refuses an existing name.
     */
    private boolean publish(KeysetHandle keyset) {
        try {
            Path temporary = writeTemporary(keyset);
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                Files.move(temporary, file); // still refuses an existing name, with a narrow race

            } finally {
                Files.deleteIfExists(temporary);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the PHI keyset file " + file, e);
        }
    }

    private Path writeTemporary(KeysetHandle keyset) throws IOException {
        Files.createDirectories(file.getParent(), ownerOnly("rwx------"));
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                ownerOnly("rw-------"));
        try {
            Files.writeString(temporary, AeadKeysets.toCleartextJson(keyset), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            Files.deleteIfExists(temporary);
            throw new IllegalStateException("Could not serialize the PHI keyset", e);
        }
        return temporary;
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }
}
