package org.carerelay.messaging;

import java.lang.management.ManagementFactory;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.carerelay.CareRelayApplication;
import org.carerelay.messaging.dispatch.ChannelSender;
import org.carerelay.messaging.dispatch.DispatchWorker;
import org.carerelay.messaging.dispatch.OutgoingMessage;
import org.carerelay.messaging.dispatch.SendOutcome;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.practice.Address;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientDetails;
import org.carerelay.practice.Patients;
import org.carerelay.practice.PracticeDetails;
import org.carerelay.practice.Practices;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Sex;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * End-to-end dispatch: a burst of 6,000 reminders (3,000 appointments × SMS and email) rendered, checked against
 * the policy, stored, sent through a simulated provider that takes 50 ms per message, and recorded; next to a
 * same-run baseline of the bare database work (insert message and delivery, claim, mark sent). Rate limits off.
 * Twice: with each reminder requested on its own (Messages.send from four clients), and as bulk sends (how a
 * reminder job requests them). Prints messages per second, the ratio to the baseline, the burst time and the
 * peak heap.
 */
public final class DispatchBenchmark {

    static final int APPOINTMENTS = 3_000;
    static final int PATIENTS = 300;
    static final Duration PROVIDER_LATENCY = Duration.ofMillis(50);
    static final int CLIENTS = 4;
    static final int WORKERS = 2;

    /** The provider: accepts everything after 50 ms. Ordered first, so it stands in for the dev outbox. */
    static class SimulatedProvider {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ChannelSender simulatedProvider() {
            return new ChannelSender() {
                @Override
                public String provider() {
                    return "dev-outbox";
                }

                @Override
                public boolean handles(Channel channel) {
                    return channel != Channel.IN_APP;
                }

                @Override
                public SendOutcome send(OutgoingMessage message) {
                    try {
                        Thread.sleep(PROVIDER_LATENCY.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new SendOutcome.Accepted("dev-outbox", "sim-" + message.deliveryId(), false);
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("carerelay-dispatch-bench");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CareRelayApplication.class,
                SimulatedProvider.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                // As command-line arguments, so that they outrank application.yml.
                .run("--carerelay.db.local-data-directory=" + data.resolve("pg"),
                        "--carerelay.data-directory=" + data,
                        "--carerelay.demo.enabled=false",
                        "--carerelay.messaging.dispatch.enabled=false",
                        "--carerelay.settings.fallback.sms-rate-per-second=0",
                        "--carerelay.settings.fallback.email-rate-per-second=0",
                        // equal start and end: no quiet hours, whatever the time of the run
                        "--carerelay.settings.fallback.quiet-hours-start=00:00",
                        "--carerelay.settings.fallback.quiet-hours-end=00:00",
                        "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off");
        try {
            run(context);
        } finally {
            context.close();
            FileSystemUtils.deleteRecursively(data);
        }
    }

    private static void run(ConfigurableApplicationContext context) throws Exception {
        int total = APPOINTMENTS * 2;
        Result individual = burst(context, "individual", (practice, patients) -> individualRequests(context,
                practice, patients));
        Result bulk = burst(context, "bulk", (practice, patients) -> bulkRequests(context, practice, patients));
        Duration baseline = baseline(context, practice(context, "baseline").practice(), total);
        double bare = total / seconds(baseline);

        System.out.printf("%nDispatch burst: %d messages (%d appointments x SMS + email) through a provider taking "
                + "50 ms each; baseline bare database work: %.0f messages/s%n", total, APPOINTMENTS, bare);
        for (Result result : List.of(individual, bulk)) {
            double endToEnd = total / seconds(result.burst());
            System.out.printf("  %-11s requests accepted in %.1f s; all handed to the provider in %.1f s "
                            + "(goal < 10 s); "
                            + "%.0f messages/s end to end (goal >= 1000), ratio to baseline %.2f (goal >= 0.50); "
                            + "%d not sent; peak heap %d MB (goal < 512 MB)%n", result.name() + ":",
                    seconds(result.requested()), seconds(result.burst()), endToEnd, endToEnd / bare,
                    result.notSent(), result.peakHeap() / (1024 * 1024));
        }
    }

    record Setup(PracticeId practice, List<Patient> patients) {
    }

    record Result(String name, Duration requested, Duration burst, long notSent, long peakHeap) {
    }

    interface Requests {
        void make(PracticeId practice, List<Patient> patients) throws Exception;
    }

    /** A practice of its own for each burst, so that each counts only its own deliveries. */
    private static Setup practice(ConfigurableApplicationContext context, String name) {
        Actor actor = Actor.system("bench");
        PracticeId practice = context.getBean(Practices.class).register(new PracticeDetails("Bench " + name,
                "Bench", new Address("1 Bench St", null, "Chicago", "IL", "60601", "US"), "en"), actor).id();
        List<Patient> patients = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            patients.add(context.getBean(Patients.class).register(practice, actor, new PatientDetails("Pat", "Bench",
                    LocalDate.of(1970, 1, 1), "B-" + i, Sex.UNKNOWN, "en", PreferredChannel.SMS, "America/Chicago",
                    null, null, List.of(
                            new NewContactPoint(ContactSystem.PHONE, "+1312555" + String.format("%04d", 1000 + i), true,
                                    Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), ConsentSource.WRITTEN_FORM),
                            new NewContactPoint(ContactSystem.EMAIL, "pat" + i + "@example.test", true, Map.of(),
                                    ConsentSource.STAFF)))));
        }
        return new Setup(practice, patients);
    }

    /** Requests made, while dispatch workers hand what is due to the provider until every delivery is handed. */
    private static Result burst(ConfigurableApplicationContext context, String name, Requests requests)
            throws Exception {
        Setup setup = practice(context, name);
        DispatchWorker worker = context.getBean(DispatchWorker.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        int total = APPOINTMENTS * 2;
        HeapWatch heap = HeapWatch.start();
        Instant started = Instant.now();
        AtomicBoolean requesting = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(WORKERS);
        AtomicLong handed = new AtomicLong();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(threads.submit(() -> {
                while (requesting.get() || handed.get() < total) {
                    if (worker.dispatchDue() == 0) {
                        handed.set(sent(jdbc, setup.practice()));
                        sleep(20);
                    }
                }
            }));
        }
        requests.make(setup.practice(), setup.patients());
        Duration requested = Duration.between(started, Instant.now());
        requesting.set(false);
        for (Future<?> w : workers) {
            w.get();
        }
        Duration burst = Duration.between(started, Instant.now());
        long peakHeap = heap.stop();
        threads.shutdown();
        long notSent = jdbc.sql("SELECT count(*) FROM delivery WHERE practice_id = :p AND status NOT IN ('SENT')")
                .param("p", setup.practice().value()).query(Long.class).single();
        return new Result(name, requested, burst, notSent, peakHeap);
    }

    /** Each reminder requested on its own (Messages.send), from four clients at once. */
    private static void individualRequests(ConfigurableApplicationContext context, PracticeId practice,
            List<Patient> patients) throws Exception {
        Messages messages = context.getBean(Messages.class);
        Map<String, Object> sample = DefaultTemplates.sample("appointment-reminder");
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(threads.submit(() -> {
                for (int a = client; a < APPOINTMENTS; a += CLIENTS) {
                    Patient patient = patients.get(a % PATIENTS);
                    for (Channel channel : List.of(Channel.SMS, Channel.EMAIL)) {
                        messages.send(practice, Actor.system("bench"), new SendRequest(patient.id(), null, channel,
                                "appointment-reminder", sample, Purpose.CARE, "appt-" + a + "-" + channel, null));
                    }
                }
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        threads.shutdown();
    }

    /**
     * The reminders as two bulk sends (one per channel, as a reminder job makes them), turned into messages by two
     * bulk workers side by side.
     */
    private static void bulkRequests(ConfigurableApplicationContext context, PracticeId practice,
            List<Patient> patients) throws Exception {
        BulkSends bulk = context.getBean(BulkSends.class);
        Map<String, Object> sample = DefaultTemplates.sample("appointment-reminder");
        Caller job = new Caller(practice, Actor.system("bench"), "SUPER_ADMIN", java.util.Set.of());
        List<BulkSends.Recipient> recipients = new ArrayList<>();
        for (int a = 0; a < APPOINTMENTS; a++) {
            recipients.add(new BulkSends.Recipient(patients.get(a % PATIENTS).id(), sample));
        }
        for (Channel channel : List.of(Channel.SMS, Channel.EMAIL)) {
            bulk.request(job, "appointment-reminder", channel, Purpose.CARE, null, recipients);
        }
        ExecutorService threads = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(threads.submit(() -> {
                while (bulk.processPending() > 0) {
                    // until every item is a message
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        threads.shutdown();
    }

    /** The same number of messages as bare SQL: insert message and delivery, claim in batches, mark sent. */
    private static Duration baseline(ConfigurableApplicationContext context, PracticeId practice, int total)
            throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        UUID patient = jdbc.sql("SELECT id FROM patient WHERE practice_id = :p LIMIT 1").param("p", practice.value())
                .query(UUID.class).single();
        Instant started = Instant.now();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> inserts = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            inserts.add(threads.submit(() -> {
                for (int i = client; i < total; i += CLIENTS) {
                    transactions.executeWithoutResult(status -> {
                        UUID message = UUID.randomUUID();
                        Timestamp now = Timestamp.from(Instant.now());
                        jdbc.sql("INSERT INTO message (id, practice_id, patient_id, template_key, template_language, "
                                        + "template_version, purpose, requested_channel, created_at, created_by_type, "
                                        + "created_by_id) VALUES (:id, :p, :patient, 'appointment-reminder', 'en', 0, "
                                        + "'CARE', 'SMS', :now, 'SYSTEM', 'bench')")
                                .param("id", message).param("p", practice.value()).param("patient", patient)
                                .param("now", now).update();
                        jdbc.sql("INSERT INTO delivery (id, practice_id, message_id, channel, recipient, body_text, "
                                        + "status, due_at, created_at, updated_at) VALUES (:id, :p, :message, 'SMS', "
                                        + "'+13125550100', 'baseline', 'QUEUED', :now, :now, :now)")
                                .param("id", UUID.randomUUID()).param("p", practice.value()).param("message", message)
                                .param("now", now).update();
                    });
                }
            }));
        }
        for (Future<?> insert : inserts) {
            insert.get();
        }
        List<Future<?>> claimers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            claimers.add(threads.submit(() -> {
                while (true) {
                    List<UUID> claimed = transactions.execute(status -> jdbc.sql("""
                            UPDATE delivery d SET status = 'SENDING', claimed_until = now() + interval '2 minutes'
                            FROM (SELECT id FROM delivery WHERE status = 'QUEUED' AND due_at <= now()
                                  ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED) due
                            WHERE d.id = due.id RETURNING d.id""").query(UUID.class).list());
                    if (claimed.isEmpty()) {
                        return;
                    }
                    for (UUID id : claimed) {
                        transactions.executeWithoutResult(status -> jdbc.sql("UPDATE delivery SET status = 'SENT', "
                                        + "provider = 'dev-outbox', claimed_until = NULL WHERE id = :id")
                                .param("id", id).update());
                    }
                }
            }));
        }
        for (Future<?> claimer : claimers) {
            claimer.get();
        }
        threads.shutdown();
        return Duration.between(started, Instant.now());
    }

    private static long sent(JdbcClient jdbc, PracticeId practice) {
        return jdbc.sql("SELECT count(*) FROM delivery WHERE practice_id = :p AND status NOT IN ('QUEUED', 'SENDING', "
                        + "'DEFERRED')")
                .param("p", practice.value()).query(Long.class).single();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Samples the heap in use every 50 ms; {@link #stop} returns the highest sample. */
    static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private HeapWatch() {
            thread = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    sleep(50);
                }
            }, "heap-watch");
            thread.setDaemon(true);
        }

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            watch.thread.start();
            return watch;
        }

        long stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return peak.get();
        }
    }
}
