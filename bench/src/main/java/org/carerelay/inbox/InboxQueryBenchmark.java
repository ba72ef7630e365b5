package org.carerelay.inbox;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.carerelay.CareRelayApplication;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.database.BenchDatabase;
import org.carerelay.identity.ApiTokens;
import org.carerelay.identity.Roles;
import org.carerelay.identity.StaffCredentials;
import org.carerelay.practice.Address;
import org.carerelay.practice.PracticeDetails;
import org.carerelay.practice.Practices;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.PracticeId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * The inbox of a large practice under its staff: 100,000 patients and 1,000,000 messages (200,000 conversations)
 * loaded, then 50 members of staff at work over HTTP against the real server for a fixed time after a warm-up —
 * first pages with filters through the API and the console's list, conversations opened through the API or the
 * console's page (each a PHI-access audit event). Each client pauses between actions as a person does (a think
 * time, 1 s on average by default); {@code -Dbench.thinkMillis=0} runs them flat out instead, which measures
 * capacity, not response time.
 *
 * <p>Prints p50/p95/p99 per operation (and per filter) against the goals (first page p95 &lt; 50 ms, opening a
 * conversation p95 &lt; 30 ms), next to same-run baselines with the same clients and pauses: a bare SQL
 * primary-key lookup on the same tables, and the cheapest authenticated API call. Then the statements each main
 * operation runs, with their plans (EXPLAIN ANALYZE, BUFFERS).
 *
 * <p>Sizes and times: {@code -Dbench.patients}, {@code -Dbench.conversations}, {@code -Dbench.warmUpSeconds},
 * {@code -Dbench.seconds}, {@code -Dbench.baselineSeconds}.
 */
public final class InboxQueryBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 50);
    /** A practice's staff: four in ten at the front desk, the rest clinical, billing and administrators. */
    static final List<StaffRole> ROLES = List.of(StaffRole.FRONT_DESK, StaffRole.FRONT_DESK, StaffRole.FRONT_DESK,
            StaffRole.FRONT_DESK, StaffRole.CLINICAL_STAFF, StaffRole.CLINICAL_STAFF, StaffRole.DOCTOR,
            StaffRole.BILLING, StaffRole.CLINIC_ADMIN, StaffRole.CLINIC_ADMIN);
    static final String PASSWORD = "a long bench passphrase";
    static final double FIRST_PAGE_GOAL_MS = 50;
    static final double OPEN_GOAL_MS = 30;

    static final LargeInbox.Size SIZE = new LargeInbox.Size(Integer.getInteger("bench.patients", 100_000),
            Integer.getInteger("bench.conversations", 200_000));
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 30));
    static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 60));
    static final Duration BASELINE = Duration.ofSeconds(Long.getLong("bench.baselineSeconds", 30));
    static final Duration THINK = Duration.ofMillis(Long.getLong("bench.thinkMillis", 1_000));

    static final String BASELINE_SQL = "baseline: bare SQL primary-key lookup";

    public static void main(String[] args) throws Exception {
        Path data = Path.of("target/bench-inbox-query");
        FileSystemUtils.deleteRecursively(data);
        Files.createDirectories(data);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CareRelayApplication.class,
                StatementRecorder.Configuration.class)
                .run("--carerelay.db.local-data-directory=" + data.resolve("pg"),
                        "--carerelay.data-directory=" + data,
                        "--carerelay.demo.enabled=false",
                        // no outbound work and no reply-clock rounds: the staff's reads are what is measured
                        "--carerelay.messaging.dispatch.enabled=false",
                        "--carerelay.triage.warm-up=false",
                        "--server.port=0",
                        "--logging.level.root=WARN")) {
            run(context);
        }
    }

    private static void run(ConfigurableApplicationContext context) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        Actor actor = Actor.system("bench");
        PracticeId practice = context.getBean(Practices.class).register(new PracticeDetails("Bench Large Inbox",
                "Bench Large Inbox", new Address("1 Bench St", null, "Chicago", "IL", "60601", "US"), "en"), actor)
                .id();
        Staff staff = staff(context, practice, port);
        List<StaffClient> clients = staff.clients();

        System.out.printf("%nLoading %,d patients and %,d conversations …%n", SIZE.patients(), SIZE.conversations());
        LargeInbox.Loaded loaded;
        try (Connection owner = BenchDatabase.ownerConnection(context);
                Connection reader = BenchDatabase.ownerConnection(context)) {
            loaded = new LargeInbox(owner, reader, context.getBean(PhiCipher.class), practice).load(SIZE);
        }
        checkpoint(context);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        List<UUID> conversations = jdbc.sql("SELECT id FROM conversation WHERE practice_id = :p")
                .param("p", practice.value()).query(UUID.class).list();
        List<UUID> messages = jdbc.sql("SELECT id FROM inbox_message TABLESAMPLE SYSTEM (5) WHERE practice_id = :p")
                .param("p", practice.value()).query(UUID.class).list();
        for (StaffClient client : clients) {
            client.signIn();
        }

        Latencies warmUp = new Latencies();
        phase(clients, WARM_UP, (client, random) -> client.act(random, conversations, warmUp));
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Latencies measured = new Latencies();
        phase(clients, MEASURED, (client, random) -> client.act(random, conversations, measured));
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Latencies baseline = new Latencies();
        phase(clients, BASELINE, (client, random) -> {
            if (random.nextBoolean()) {
                client.apiBaseline(baseline);
            } else {
                primaryKeyLookup(jdbc, random, conversations, messages, baseline);
            }
        });

        System.out.printf("%nInbox queries: %,d patients, %,d conversations (%,d open), %,d messages in one practice;"
                        + " loaded in %.0f s%n", loaded.patients(), loaded.conversations(), loaded.open(),
                loaded.messages(), loaded.took().toMillis() / 1000.0);
        System.out.printf("%d staff clients over HTTP, %s after a %s warm-up, think time %s on average: %,d requests "
                        + "(%.0f/s); %d cores, load average %.1f before and %.1f after (others' work included)%n%n",
                CLIENTS, MEASURED, WARM_UP, THINK, measured.total(), measured.total() / (double) MEASURED.toSeconds(),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        Report report = new Report();
        report.line(measured, StaffClient.FIRST_PAGE_API, FIRST_PAGE_GOAL_MS);
        report.line(measured, StaffClient.FIRST_PAGE_CONSOLE, FIRST_PAGE_GOAL_MS);
        report.line(measured, StaffClient.OPEN, OPEN_GOAL_MS);
        report.line(measured, StaffClient.OPEN_CONSOLE, Double.NaN); // a whole page: the list is half of it
        report.line(baseline, BASELINE_SQL, Double.NaN);
        report.line(baseline, StaffClient.BASELINE_API, Double.NaN);
        System.out.println();
        for (String operation : measured.operations()) {
            if (operation.contains("?")) {
                report.line(measured, operation, Double.NaN);
            }
        }
        plans(context, staff.callers());
    }

    /** The clients, and the same members of staff as callers of the service layer (for the query plans). */
    private record Staff(List<StaffClient> clients, List<Caller> callers) {
    }

    /** The practice's staff, each with a password for the console and an API token of their role. */
    private static Staff staff(ConfigurableApplicationContext context, PracticeId practice, int port) {
        Actor actor = Actor.system("bench");
        List<StaffClient> clients = new ArrayList<>();
        List<Caller> callers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            StaffRole role = ROLES.get(c % ROLES.size());
            StaffUser member = context.getBean(StaffUsers.class).create(practice, actor, new StaffUserDetails("Staff",
                    "Bench" + c, "staff" + c + "@bench.example.test", role, true));
            context.getBean(StaffCredentials.class).setPassword(practice, member.id().value(), PASSWORD, actor);
            String token = "crt_bench_" + UUID.randomUUID();
            context.getBean(ApiTokens.class).ensure(practice, "bench-" + c, role, token, actor);
            clients.add(new StaffClient(port, member.email(), PASSWORD, token));
            callers.add(new Caller(practice, new Actor(Actor.Type.STAFF, member.id().value().toString()),
                    role.name(), context.getBean(Roles.class).permissionsOf(role)));
        }
        return new Staff(clients, callers);
    }

    /**
     * Writes the load's gigabyte or two to disk before the clock starts: otherwise the checkpoint it triggers runs
     * during the measurement, commits wait for a saturated disk, the pool runs dry and every request stalls for up
     * to a second. A practice that grew to this size wrote it long ago.
     */
    private static void checkpoint(ConfigurableApplicationContext context) throws Exception {
        long started = System.nanoTime();
        try (Connection superuser = BenchDatabase.superuserConnection(context);
                Statement statement = superuser.createStatement()) {
            statement.execute("CHECKPOINT");
        }
        System.out.printf("  checkpoint in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Each client acts, pauses as a person would, and acts again until the time is up. */
    private static void phase(List<StaffClient> clients, Duration length, ClientAction action) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients.size());
        long end = System.nanoTime() + length.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            StaffClient client = clients.get(c);
            Random random = new Random(c * 7919L + length.toMillis());
            running.add(threads.submit(() -> {
                pause(random, THINK); // not all at once
                while (System.nanoTime() < end) {
                    action.act(client, random);
                    pause(random, THINK);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        threads.shutdown();
    }

    /** Half to one and a half times the mean think time. */
    private static void pause(Random random, Duration think) throws InterruptedException {
        if (!think.isZero()) {
            Thread.sleep((long) (think.toMillis() * (0.5 + random.nextDouble())));
        }
    }

    interface ClientAction {
        void act(StaffClient client, Random random) throws Exception;
    }

    /** A conversation or a message by its primary key, through the application's pool and account. */
    private static void primaryKeyLookup(JdbcClient jdbc, Random random, List<UUID> conversations,
            List<UUID> messages, Latencies latencies) {
        long started = System.nanoTime();
        boolean found;
        if (random.nextBoolean()) {
            found = jdbc.sql("SELECT id, patient_id, channel, category, urgent, crisis, queue, status, assigned_to, "
                            + "sla_warn_at, sla_due_at, last_message_at FROM conversation WHERE id = :id")
                    .param("id", conversations.get(random.nextInt(conversations.size())))
                    .query((rs, n) -> rs.getObject("id")).optional().isPresent();
        } else {
            found = jdbc.sql("SELECT id, direction, channel, body, created_at FROM inbox_message WHERE id = :id")
                    .param("id", messages.get(random.nextInt(messages.size())))
                    .query((rs, n) -> rs.getString("body")).optional().isPresent();
        }
        latencies.record(BASELINE_SQL, System.nanoTime() - started, found);
    }

    private static void plans(ConfigurableApplicationContext context, List<Caller> staff) throws Exception {
        Conversations inbox = context.getBean(Conversations.class);
        QueryPlans plans = new QueryPlans(context.getBean(DataSource.class));
        Caller frontDesk = staff.get(0);
        Caller doctor = staff.stream().filter(caller -> caller.role().equals(StaffRole.DOCTOR.name())).findFirst()
                .orElse(frontDesk);
        PageRequest first = new PageRequest(0, PageRequest.DEFAULT_SIZE);
        System.out.printf("%nQuery plans (as the application's account, practice scope set; warm cache)%n");
        plans.print("first page, all open", frontDesk, () -> inbox.list(frontDesk, ConversationFilter.OPEN, first));
        plans.print("first page, unassigned appointment requests", frontDesk, () -> inbox.list(frontDesk,
                new ConversationFilter("unassigned", null, null, Category.APPOINTMENT, null, null, null), first));
        plans.print("first page, crisis", frontDesk, () -> inbox.list(frontDesk,
                new ConversationFilter(null, null, true, null, null, null, null), first));
        plans.print("first page, due soon", frontDesk, () -> inbox.list(frontDesk,
                new ConversationFilter(null, null, null, null, null, SlaState.DUE_SOON, null), first));
        plans.print("first page, resolved (the history)", frontDesk, () -> inbox.list(frontDesk,
                new ConversationFilter(null, null, null, null, null, null, "resolved"), first));
        plans.print("first page, a doctor's team (clinical and on-call queues)", doctor, () -> inbox.list(doctor,
                new ConversationFilter("team", null, null, null, null, null, null), first));
        plans.print("console list, mine (rows with names and previews)", doctor, () -> inbox.rows(doctor,
                new ConversationFilter("mine", null, null, null, null, null, null), first));
        UUID open = inbox.list(frontDesk, ConversationFilter.OPEN, first).items().get(0).id();
        plans.print("open conversation", frontDesk, () -> inbox.view(frontDesk, open));
    }
}
