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
 * Prints messages per second for both, their ratio, the burst time and the peak heap.
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
        Actor actor = Actor.system("bench");
        PracticeId practice = context.getBean(Practices.class).register(new PracticeDetails("Bench Practice",
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
        Messages messages = context.getBean(Messages.class);
        DispatchWorker worker = context.getBean(DispatchWorker.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Map<String, Object> sample = DefaultTemplates.sample("appointment-reminder");
        int total = APPOINTMENTS * 2;

        HeapWatch heap = HeapWatch.start();
        Instant started = Instant.now();
        AtomicBoolean requesting = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + WORKERS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(threads.submit(() -> {
                for (int a = client; a < APPOINTMENTS; a += CLIENTS) {
                    Patient patient = patients.get(a % PATIENTS);
                    for (Channel channel : List.of(Channel.SMS, Channel.EMAIL)) {
                        messages.send(practice, actor, new SendRequest(patient.id(), null, channel,
                                "appointment-reminder", sample, Purpose.CARE, "appt-" + a + "-" + channel, null));
                    }
                }
            }));
        }
        AtomicLong handed = new AtomicLong();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(threads.submit(() -> {
                while (requesting.get() || handed.get() < total) {
                    if (worker.dispatchDue() == 0) {
                        handed.set(sent(jdbc, practice));
                        sleep(20);
                    }
                }
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        Duration requested = Duration.between(started, Instant.now());
        requesting.set(false);
        for (Future<?> w : workers) {
            w.get();
        }
        Duration burst = Duration.between(started, Instant.now());
        long peakHeap = heap.stop();
        long suppressed = jdbc.sql("SELECT count(*) FROM delivery WHERE practice_id = :p AND status NOT IN ('SENT')")
                .param("p", practice.value()).query(Long.class).single();

        Duration baseline = baseline(context, practice, total);

        double endToEnd = total / seconds(burst);
        double bare = total / seconds(baseline);
        System.out.printf("%nDispatch burst: %d messages (%d appointments x SMS + email), %d not sent%n", total,
                APPOINTMENTS, suppressed);
        System.out.printf("  requests accepted in %.1f s; all handed to the provider (50 ms each) in %.1f s (goal < 10 s)%n",
                seconds(requested), seconds(burst));
        System.out.printf("  end to end: %.0f messages/s (goal >= 1000); baseline bare database work: %.0f messages/s; "
                + "ratio %.2f (goal >= 0.50)%n", endToEnd, bare, endToEnd / bare);
        System.out.printf("  peak heap during the burst: %d MB (goal < 512 MB)%n", peakHeap / (1024 * 1024));
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
