package org.carerelay.identity;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.carerelay.bench.BenchServer;
import org.carerelay.practice.Address;
import org.carerelay.practice.PracticeDetails;
import org.carerelay.practice.Practices;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Staff sign-in POSTs under 50 concurrent clients against the real server (Tomcat, sessions in PostgreSQL,
 * bcrypt): each client signs in as its own staff member, again and again, each time as a new browser (fresh
 * cookies, the sign-in page first for its CSRF token). Prints the POST's p50/p95/p99 next to two same-run
 * baselines: the sign-in page GET under the same load (everything but the password check), and one bcrypt check
 * alone.
 */
public final class SignInLoadDriver {

    static final int CLIENTS = 50;
    static final int ROUNDS = 10;
    static final String PASSWORD = "a long bench passphrase";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = BenchServer.start("sign-in")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            List<String> emails = staff(context);
            run(port, emails, 2); // warm-up: JIT, pools, page templates
            Timings timings = run(port, emails, ROUNDS);
            long bcrypt = bcryptNanos(context.getBean(PasswordEncoder.class));
            System.out.printf("%nStaff sign-in POST, %d concurrent clients, %d sign-ins: p50 %d ms, p95 %d ms, "
                            + "p99 %d ms (%d failed)%n", CLIENTS, timings.posts.size(),
                    timings.percentile(timings.posts, 50),
                    timings.percentile(timings.posts, 95), timings.percentile(timings.posts, 99), timings.failures);
            System.out.printf("Baseline, sign-in page GET under the same load: p50 %d ms, p95 %d ms%n",
                    timings.percentile(timings.gets, 50), timings.percentile(timings.gets, 95));
            System.out.printf("Baseline, one bcrypt check alone: %.1f ms%n", bcrypt / 1e6);
        }
    }

    private static List<String> staff(ConfigurableApplicationContext context) {
        Actor actor = Actor.system("bench");
        PracticeId practice = context.getBean(Practices.class).register(new PracticeDetails("Bench Practice",
                "Bench Practice", new Address("1 Bench St", null, "Chicago", "IL", "60606", "US"), "en"), actor).id();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            StaffUser member = context.getBean(StaffUsers.class).create(practice, actor, new StaffUserDetails(
                    "Staff", "Bench" + i, "staff" + i + "-" + UUID.randomUUID() + "@bench.example.test",
                    StaffRole.FRONT_DESK, true));
            context.getBean(StaffCredentials.class).setPassword(practice, member.id().value(), PASSWORD, actor);
            emails.add(member.email());
        }
        return emails;
    }

    static final class Timings {
        final List<Long> posts = Collections.synchronizedList(new ArrayList<>());
        final List<Long> gets = Collections.synchronizedList(new ArrayList<>());
        volatile int failures;

        long percentile(List<Long> nanos, int p) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1_000_000;
        }
    }

    private static Timings run(int port, List<String> emails, int rounds) throws Exception {
        Timings timings = new Timings();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (String email : emails) {
            running.add(clients.submit(() -> {
                start.await();
                for (int round = 0; round < rounds; round++) {
                    signIn(port, email, timings);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return timings;
    }

    private static void signIn(int port, String email, Timings timings) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI signIn = URI.create("http://localhost:" + port + "/console/sign-in");
        long started = System.nanoTime();
        String page = browser.send(HttpRequest.newBuilder(signIn).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        timings.gets.add(System.nanoTime() - started);
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("The sign-in page has no CSRF token");
        }
        String form = "email=" + encode(email) + "&password=" + encode(PASSWORD) + "&_csrf=" + encode(csrf.group(1));
        started = System.nanoTime();
        HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(signIn)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        timings.posts.add(System.nanoTime() - started);
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || !location.endsWith("/console")) {
            timings.failures++;
        }
    }

    private static long bcryptNanos(PasswordEncoder encoder) {
        String hash = encoder.encode(PASSWORD);
        encoder.matches(PASSWORD, hash);
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            encoder.matches(PASSWORD, hash);
        }
        return (System.nanoTime() - started) / 10;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
