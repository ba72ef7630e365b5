package org.carerelay.inbox;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One member of staff working the inbox over HTTP, as their browser and integrations do: first pages through the
 * API with their role's bearer token, the console's list (the rows with patient names and previews, and the
 * "mine" view, which only a signed-in person has) with their session cookie, and conversations opened through
 * the API or the console's page, usually one from the page just listed.
 */
final class StaffClient {

    /** API filters a first page is asked with, each as likely. */
    static final List<String> API_FILTERS = List.of("", "view=team", "view=unassigned", "view=needs-matching",
            "urgent=true", "crisis=true", "category=refill", "category=billing", "channel=email", "sla=breached",
            "sla=due_soon", "view=unassigned&category=appointment", "view=team&sla=due_soon", "status=resolved");
    /** The console's filters (its "urgent" and "crisis" are views). */
    static final List<String> CONSOLE_FILTERS = List.of("view=mine", "view=mine&sla=breached", "", "view=team",
            "view=urgent", "view=needs-matching", "category=results");

    static final String FIRST_PAGE_API = "first page, API (Conversations.list)";
    static final String FIRST_PAGE_CONSOLE = "first page, console list (Conversations.rows)";
    static final String OPEN = "open conversation, API (Conversations.view)";
    static final String OPEN_CONSOLE = "open conversation, console page (list + conversation)";
    static final String BASELINE_API = "baseline: API GET /api/v1/roles";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private final String email;
    private final String password;
    private final String token;
    private final String base;
    private final HttpClient browser;
    private final List<UUID> lastPage = new ArrayList<>();

    StaffClient(int port, String email, String password, String token) {
        this.email = email;
        this.password = password;
        this.token = token;
        this.base = "http://localhost:" + port;
        this.browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs in to the console as a browser does: the sign-in page for its CSRF token, then the form. */
    void signIn() throws IOException, InterruptedException {
        URI signIn = URI.create(base + "/console/sign-in");
        String page = browser.send(HttpRequest.newBuilder(signIn).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("The sign-in page has no CSRF token");
        }
        String form = "email=" + encode(email) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(signIn)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || !location.endsWith("/console")) {
            throw new IllegalStateException("Sign-in failed: " + response.statusCode());
        }
    }

    /** One action of a member of staff at work: a first page (API or console), or opening a conversation. */
    void act(Random random, List<UUID> everyConversation, Latencies latencies) {
        double action = random.nextDouble();
        if (action < 0.4) {
            String filter = API_FILTERS.get(random.nextInt(API_FILTERS.size()));
            HttpResponse<String> page = timed(latencies, FIRST_PAGE_API, "first page, API ?" + filter,
                    api("/api/v1/inbox/conversations?" + filter));
            if (page != null && page.statusCode() == 200) {
                lastPage.clear();
                ID.matcher(page.body()).results().forEach(id -> lastPage.add(UUID.fromString(id.group(1))));
            }
        } else if (action < 0.6) {
            String filter = CONSOLE_FILTERS.get(random.nextInt(CONSOLE_FILTERS.size()));
            timed(latencies, FIRST_PAGE_CONSOLE, "first page, console ?" + filter,
                    HttpRequest.newBuilder(URI.create(base + "/console/inbox/list?" + filter)).GET().build());
        } else {
            // Mostly one just listed; now and then an old one (a patient's history, a link from a colleague).
            UUID id = !lastPage.isEmpty() && random.nextDouble() < 0.7 ? lastPage.get(random.nextInt(lastPage.size()))
                    : everyConversation.get(random.nextInt(everyConversation.size()));
            if (action < 0.85) {
                timed(latencies, OPEN, null, api("/api/v1/inbox/conversations/" + id));
            } else {
                // The console's page: the list beside it, the conversation, and its patient panel.
                timed(latencies, OPEN_CONSOLE, null,
                        HttpRequest.newBuilder(URI.create(base + "/console/inbox/" + id)).GET().build());
            }
        }
    }

    /** The floor of an API call: authentication, the permission check and one tiny query. */
    void apiBaseline(Latencies latencies) {
        timed(latencies, BASELINE_API, null, api("/api/v1/roles"));
    }

    private HttpRequest api(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET()
                .build();
    }

    private HttpResponse<String> timed(Latencies latencies, String operation, String detail, HttpRequest request) {
        long started = System.nanoTime();
        HttpResponse<String> response = null;
        try {
            response = browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // counted as a failure below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long elapsed = System.nanoTime() - started;
        boolean ok = response != null && response.statusCode() == 200;
        latencies.record(operation, elapsed, ok);
        if (detail != null) {
            latencies.record(detail, elapsed, ok);
        }
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
