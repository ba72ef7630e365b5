package org.carerelay.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's accessibility engine, the script a tester runs from the browser's extension) run in the page
 * the browser shows. The script goes in through WebDriver, not a {@code <script>} tag, so the pages keep their
 * Content-Security-Policy. axe's default rules (WCAG 2.x A and AA, and its best practices, as its browser extension
 * runs them); a page passes with no serious or critical violation.
 */
final class Axe {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final String SOURCE = source();

    private Axe() {
    }

    /** Each serious or critical violation on the page, as {@code impact rule-id: target, target (help)}. */
    @SuppressWarnings("unchecked")
    static List<String> violations(WebDriver browser) {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript(SOURCE);
        Object answer = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                    .then(results => done(results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.map(n => n.target.join(' '))}))))
                    .catch(error => done([{id: 'axe-error', impact: 'critical', help: String(error), targets: []}]));""");
        return ((List<Map<String, Object>>) answer).stream()
                .filter(violation -> BLOCKING.contains(String.valueOf(violation.get("impact"))))
                .map(violation -> violation.get("impact") + " " + violation.get("id") + ": "
                        + String.join(", ", (List<String>) violation.get("targets")) + " (" + violation.get("help") + ")")
                .toList();
    }

    /** The axe-core of the test classpath, or a newer one named by {@code -Dcarerelay.axe-script=<file>}. */
    private static String source() {
        String file = System.getProperty("carerelay.axe-script");
        try (InputStream script = file != null ? java.nio.file.Files.newInputStream(java.nio.file.Path.of(file))
                : Axe.class.getResourceAsStream("/axe.min.js")) {
            if (script == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core)");
            }
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
