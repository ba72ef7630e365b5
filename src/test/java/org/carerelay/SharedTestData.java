package org.carerelay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * Third-party test data in the team's {@code shared/testdata}: real material, so that code is checked against
 * the outside world. It is found, in order, at {@code CARERELAY_SHARED_TESTDATA}, at {@code ../shared/testdata}
 * beside the checkout, or beside the repository a clean clone was made from (its {@code origin}), as CI clones
 * do. A missing file fails the test loudly; it is never skipped.
 */
public final class SharedTestData {

    private static final Path ROOT = locate();

    private SharedTestData() {
    }

    public static Path file(String relative) {
        Path path = ROOT == null ? null : ROOT.resolve(relative);
        if (path == null || !Files.isRegularFile(path)) {
            throw new IllegalStateException("Third-party test data missing: " + relative + " (looked in "
                    + candidates() + ")");
        }
        return path;
    }

    /**
     * A real e-mail from {@code mime-emails/}, sent to {@code to} instead of its own recipient (its {@code To} header
     * replaced), as raw MIME. Read as ISO-8859-1, so that every byte of the sample is kept as it is.
     */
    public static byte[] mailTo(String sample, String to) throws IOException {
        String mail = new String(Files.readAllBytes(file("mime-emails/" + sample)), StandardCharsets.ISO_8859_1);
        return mail.replaceFirst("(?m)^To: [^\\r\\n]+", Matcher.quoteReplacement("To: " + to))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Path locate() {
        return candidates().stream().filter(Files::isDirectory).findFirst().orElse(null);
    }

    private static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("CARERELAY_SHARED_TESTDATA");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("..", "shared", "testdata").toAbsolutePath().normalize());
        String origin = gitOrigin();
        if (origin != null && Files.isDirectory(Path.of(origin))) {
            candidates.add(Path.of(origin).toAbsolutePath().normalize().getParent().resolve("shared")
                    .resolve("testdata"));
        }
        return candidates;
    }

    /** The {@code origin} of this checkout, when it is a path on this machine (a clean clone's). */
    private static String gitOrigin() {
        try {
            Process git = new ProcessBuilder("git", "config", "--get", "remote.origin.url")
                    .redirectErrorStream(true).start();
            String url = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !url.contains("://") ? url : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
