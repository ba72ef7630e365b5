package org.carerelay.inbox;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.carerelay.bench.BenchServer;
import org.carerelay.TwilioRequests;
import org.carerelay.database.BenchDatabase;
import org.carerelay.practice.Address;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.PatientDetails;
import org.carerelay.practice.Patients;
import org.carerelay.practice.PracticeDetails;
import org.carerelay.practice.Practices;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Sex;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inbound SMS webhooks end to end against the real server: signed Twilio posts from 16 clients over HTTP, each
 * verified, kept, matched to its patient, triaged, threaded and filed in its webhook's transaction, and announced to
 * open inboxes (a subscriber counts the live pushes). Measured once the JIT compilers are done with the path, as
 * on a server that has run for a while: on two busy cores they need tens of thousands of webhooks. Prints webhooks
 * per second until the last one is filed, next to a same-run baseline of the bare database work per message
 * (insert the inbound message, its conversation and its inbox message).
 */
public final class InboundSmsBenchmark {

    static final int PATIENTS = 1_000;
    static final int WARM_UP = 3_000;
    static final int WARM_UP_ROUNDS = 30;
    static final int MESSAGES = 10_000;
    static final int CLIENTS = 16;
    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final String NUMBER = "+17735550199";
    static final List<String> TEXTS = List.of("Can I move my appointment to Friday morning?",
            "I need a refill of my lisinopril please", "Why was I billed twice this month?",
            "Are my lab results back yet?", "My knee is still swollen after the injection",
            "Necesito cambiar mi cita del martes", "Thank you so much!", "What time do you open on Saturday?");

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = BenchServer.start("inbound-sms",
                "--carerelay.messaging.dispatch.enabled=false",
                "--carerelay.public-base-url=http://bench.example.test")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            PracticeId practice = practice(context);
            AtomicInteger pushes = new AtomicInteger();
            try (AutoCloseable inbox = context.getBean(InboxEvents.class).subscribe(practice,
                    pushes::incrementAndGet)) {
                int warmedUp = warmUp(port, jdbc, practice);
                // A server that has run for a few minutes has autovacuum's statistics of its tables; this run is
                // too short for autovacuum to have come by, and without them the planner guesses.
                analyze(context);
                int before = pushes.get();
                long compilingBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                CpuTime cpuBefore = CpuTime.of(jdbc);
                Map<String, Long> threadsBefore = threadCpu();
                List<HttpRequest> posts = signedPosts(port, MESSAGES, "run-");
                Instant started = Instant.now();
                // For a profile, start the JVM with -XX:StartFlightRecording (a recording started now would make
                // the compilers deoptimize and recompile the path) and read the samples after this moment.
                System.out.printf("Measuring from %s%n", started);
                int failed = send(posts);
                Duration answered = Duration.between(started, Instant.now());
                awaitFiled(jdbc, practice, warmedUp + MESSAGES);
                Duration took = Duration.between(started, Instant.now());
                CpuTime cpu = CpuTime.of(jdbc).minus(cpuBefore);
                long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compilingBefore;
                Map<String, Long> threadsAfter = threadCpu();
                CpuTime baselineBefore = CpuTime.of(jdbc);
                Duration baseline = baseline(jdbc, practice);
                CpuTime baselineCpu = CpuTime.of(jdbc).minus(baselineBefore);
                System.out.printf("%nInbound SMS webhooks, %d from %d clients over HTTP: all answered in %.1f s, "
                                + "all filed in %.1f s, %.0f webhooks/s end to end (goal >= 500); %d refused; "
                                + "%d live pushes%n", MESSAGES, CLIENTS, answered.toMillis() / 1000.0,
                        took.toMillis() / 1000.0, MESSAGES / (took.toMillis() / 1000.0), failed,
                        pushes.get() - before);
                System.out.printf("Baseline, bare database work per message (3 inserts, own transaction, %d "
                        + "clients): %.0f messages/s%n", CLIENTS, MESSAGES / (baseline.toMillis() / 1000.0));
                // CPU per message does not depend on what else the machine runs: cores / CPU per message is the
                // ceiling a quiet machine of this many cores would reach.
                System.out.printf("CPU per webhook: %.2f ms in the server's JVM (benchmark clients included) + %.2f ms "
                                + "in PostgreSQL; baseline: %.2f ms in PostgreSQL%n", cpu.jvmMillis() / MESSAGES,
                        cpu.postgresMillis() / MESSAGES, baselineCpu.postgresMillis() / MESSAGES);
                threadsAfter.entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                        .forEach(e -> System.out.printf("  %-28s %.2f ms per webhook%n", e.getKey(),
                                e.getValue() / 1e6 / MESSAGES));
                System.out.printf("  %-28s %.2f ms per webhook, busy time (after %d webhooks to warm up)%n",
                        "JIT compilers", (double) compiling / MESSAGES, warmedUp);
            }
        }
    }

    /**
     * Sends rounds of {@link #WARM_UP} webhooks until the JIT compilers are done with the path (they spent under 5 %
     * of a round's time compiling), at most {@link #WARM_UP_ROUNDS}: a server that has run for a while has compiled
     * it, and measuring earlier measures the compilers. Returns how many webhooks were sent.
     */
    private static int warmUp(int port, JdbcClient jdbc, PracticeId practice) throws Exception {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        int sent = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            long compiledBefore = compiler.getTotalCompilationTime();
            Instant started = Instant.now();
            send(signedPosts(port, WARM_UP, "warm-" + round + "-"));
            sent += WARM_UP;
            awaitFiled(jdbc, practice, sent);
            long compiling = compiler.getTotalCompilationTime() - compiledBefore;
            long took = Duration.between(started, Instant.now()).toMillis();
            System.out.printf("Warm-up round %d: %d webhooks in %d ms, %d ms of it compiling%n", round + 1, WARM_UP,
                    took, compiling);
            if (compiling < took / 20) {
                break;
            }
        }
        return sent;
    }

    /** CPU time of this JVM's threads so far, by thread name without its number. */
    private static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "N"),
                        Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return byName;
    }

    /** CPU time used so far by this JVM and by the embedded PostgreSQL's processes (read from /proc: Linux). */
    record CpuTime(double jvmMillis, double postgresMillis) {

        private static final double MILLIS_PER_TICK = 10; // USER_HZ is 100 on Linux

        static CpuTime of(JdbcClient jdbc) {
            double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
            double postgres = 0;
            for (Integer pid : jdbc.sql("SELECT pid FROM pg_stat_activity").query(Integer.class).list()) {
                try {
                    String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
                } catch (java.io.IOException e) {
                    // the process ended between the query and the read
                }
            }
            return new CpuTime(jvm, postgres);
        }

        CpuTime minus(CpuTime earlier) {
            return new CpuTime(jvmMillis - earlier.jvmMillis, postgresMillis - earlier.postgresMillis);
        }
    }

    /** Gathers the statistics autovacuum would have; as the schema's owner, whose tables they are. */
    private static void analyze(ConfigurableApplicationContext context) throws java.sql.SQLException {
        try (java.sql.Connection owner = BenchDatabase.ownerConnection(context);
                java.sql.Statement statement = owner.createStatement()) {
            statement.execute("ANALYZE");
        }
    }

    private static PracticeId practice(ConfigurableApplicationContext context) {
        Actor actor = Actor.system("bench");
        PracticeId practice = context.getBean(Practices.class).register(new PracticeDetails("Bench Inbox",
                "Bench Inbox", new Address("1 Bench St", null, "Chicago", "IL", "60601", "US"), "en"), actor).id();
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        for (String[] setting : new String[][] {{"sms.origination-number", NUMBER},
                {"webhook.twilio.auth-token", TOKEN}}) {
            jdbc.sql("INSERT INTO setting (practice_id, key, value, updated_at, updated_by_type, updated_by_id) "
                            + "VALUES (:p, :k, :v, now(), 'SYSTEM', 'bench')")
                    .param("p", practice.value()).param("k", setting[0]).param("v", setting[1]).update();
        }
        Patients patients = context.getBean(Patients.class);
        for (int i = 0; i < PATIENTS; i++) {
            patients.register(practice, actor, new PatientDetails("Pat", "Bench", LocalDate.of(1970, 1, 1), "B-" + i,
                    Sex.UNKNOWN, "en", PreferredChannel.SMS, "America/Chicago", null, null, List.of(
                            new NewContactPoint(ContactSystem.PHONE, phone(i), true,
                                    Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), ConsentSource.WRITTEN_FORM))));
        }
        return practice;
    }

    private static String phone(int patient) {
        return "+1312" + (2_000_000 + patient);
    }

    /**
     * Twilio's posts, signed ahead: the texts come from the patients' numbers in turn. Signing is the sender's
     * work, not the server's, so it is done before the clock starts, off the two cores being measured.
     */
    private static List<HttpRequest> signedPosts(int port, int count, String prefix) throws Exception {
        List<HttpRequest> posts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, String> params = Map.of("From", phone(i % PATIENTS), "To", NUMBER,
                    "Body", TEXTS.get(i % TEXTS.size()), "MessageSid", "SM" + prefix + i + UUID.randomUUID(),
                    "AccountSid", "AC00000000000000000000000000000000");
            String signature = TwilioRequests.signature(TOKEN, "http://bench.example.test/webhooks/twilio/sms", params);
            posts.add(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/twilio/sms"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(TwilioRequests.form(params))).build());
        }
        return posts;
    }

    /** Sends the posts from {@link #CLIENTS} threads; returns how many were not answered 200. */
    private static int send(List<HttpRequest> posts) throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(CLIENTS);
        HttpClient http = HttpClient.newBuilder().executor(io).build();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                for (int i = client; i < posts.size(); i += CLIENTS) {
                    if (http.send(posts.get(i), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        io.shutdown();
        return failed.get();
    }

    private static void awaitFiled(JdbcClient jdbc, PracticeId practice, int expected) throws InterruptedException {
        while (jdbc.sql("SELECT count(*) FROM inbox_message WHERE practice_id = :p").param("p", practice.value())
                .query(Long.class).single() < expected) {
            Thread.sleep(20);
        }
    }

    /** The rows each webhook ends up as, written with nothing else: one statement (a transaction) per message. */
    private static Duration baseline(JdbcClient jdbc, PracticeId practice) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        Instant started = Instant.now();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                for (int i = client; i < MESSAGES; i += CLIENTS) {
                    UUID inbound = UUID.randomUUID();
                    UUID conversation = UUID.randomUUID();
                    Timestamp now = Timestamp.from(Instant.now());
                    jdbc.sql("""
                            WITH i AS (INSERT INTO inbound_message (id, practice_id, channel, sender, recipient, body,
                                                                   provider, provider_message_id, received_at, keyword)
                                       VALUES (:inbound, :p, 'SMS', '+13125550000', :to, 'baseline', 'bench', :sid,
                                               :now, false)),
                                 c AS (INSERT INTO conversation (id, practice_id, sender, channel, category, urgent,
                                                                 crisis, queue, status, last_message_at, created_at,
                                                                 updated_at)
                                       VALUES (:conversation, :p, '+13125550000', 'SMS', 'OTHER', false, false,
                                               'FRONT_DESK', 'RESOLVED', :now, :now, :now))
                            INSERT INTO inbox_message (id, practice_id, conversation_id, direction, channel, body,
                                                       created_at)
                            VALUES (gen_random_uuid(), :p, :conversation, 'INBOUND', 'SMS', 'baseline', :now)""")
                            .param("inbound", inbound).param("p", practice.value()).param("to", NUMBER)
                            .param("sid", "base-" + inbound).param("now", now).param("conversation", conversation)
                            .update();
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return Duration.between(started, Instant.now());
    }
}
