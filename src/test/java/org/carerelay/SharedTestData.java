package org.carerelay;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Third-party test data in ../shared/testdata: real material, so that code is checked against the outside
 * world. A missing file fails the test loudly; it is never skipped.
 */
public final class SharedTestData {

    private SharedTestData() {
    }

    public static Path file(String relative) {
        Path path = Path.of("..", "shared", "testdata").resolve(relative);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Third-party test data missing: " + path.toAbsolutePath());
        }
        return path;
    }
}
