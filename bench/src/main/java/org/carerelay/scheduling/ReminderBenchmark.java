package org.carerelay.scheduling;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.carerelay.bench.BenchServer;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.practice.Address;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeDetails;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientDetails;
import org.carerelay.practice.Patients;
import org.carerelay.practice.PracticeDetails;
import org.carerelay.practice.Practices;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.practice.Sex;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.PracticeId;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reminder planning at 3,000 appointments a day (12 locations, 60 providers, 50 visits each): how long after its
 * due time each 48-hour reminder is handed to the messaging hub (its message row written), read from the rows
 * themselves. The day is compressed so that it falls due during the run:
 * <ul>
 * <li>spread: the day's 50 start times' reminders 2 s apart, 60 due at each (300 times the real rate);
 * <li>backlog: a real day (visits 10 minutes apart) whose 3,000 reminders are all overdue at once, as when the
 * servers come back after an outage.
 * </ul>
 * The baseline, same run: the hub alone taking 3,000 reminders handed to it directly by 8 threads (no timers).
 */
public final class ReminderBenchmark {

    static final int LOCATIONS = 12;
    static final int PROVIDERS = 60;
    static final int VISITS_PER_PROVIDER = 50;
    static final int VISIT_MINUTES = 10;
    static final Duration VISIT = Duration.ofMinutes(VISIT_MINUTES);
    /** In the spread run, the time between one start time's reminders and the next's (10 minutes in real life). */
    static final Duration SPREAD_STEP = Duration.ofSeconds(2);

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = BenchServer.start("reminders",
                "--carerelay.messaging.dispatch.enabled=false")) {
            Day day = day(context);
            System.out.printf("%n%d appointments a day: %d locations, %d providers%n", day.patients().size(),
                    LOCATIONS, PROVIDERS);
            JdbcClient jdbc = context.getBean(JdbcClient.class);

            // Each run books a real day (visits 10 minutes apart, reminders planned an hour ahead), then moves its
            // timers to the moments the run wants them: the timers are what is measured, not the booking.
            Instant firstStart = book(context, day, Instant.now().plus(Duration.ofHours(1)));
            Instant spreadFrom = Instant.now().plusSeconds(5);
            UnaryOperator<Instant> spreadDue = start -> spreadFrom.plus(
                    Duration.between(firstStart, start).dividedBy(VISIT.dividedBy(SPREAD_STEP)));
            List<UUID> spread = move(jdbc, firstStart, spreadDue);
            report("spread, 60 due every 2 s", lags(jdbc, spread,
                    spreadDue.apply(firstStart.plus(VISIT.multipliedBy(VISITS_PER_PROVIDER))), spreadDue));

            Instant secondStart = book(context, day, Instant.now().plus(Duration.ofHours(12)));
            Instant overdueFrom = Instant.now();
            List<UUID> backlog = move(jdbc, secondStart, start -> overdueFrom);
            report("backlog, 3,000 at once", lags(jdbc, backlog, overdueFrom, start -> overdueFrom));
            baseline(context, day);
        }
    }

    private record Day(PracticeId practice, Caller admin, List<Location> locations, List<Provider> providers,
            AppointmentType type, List<Patient> patients) {
    }

    private static Day day(ConfigurableApplicationContext context) {
        Actor actor = Actor.system("bench");
        PracticeId id = context.getBean(Practices.class).register(new PracticeDetails("Bench Reminders",
                "Bench Reminders", new Address("1 Bench St", null, "Chicago", "IL", "60601", "US"), "en"), actor)
                .id();
        Caller admin = new Caller(id, actor, "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < LOCATIONS; i++) {
            locations.add(context.getBean(Locations.class).create(admin, new LocationDetails("Clinic " + i,
                    new Address(i + " Main St", null, "Springfield", "IL", "62701", "US"), "+12175550100",
                    "America/Chicago", List.of(), null)));
        }
        List<Provider> providers = new ArrayList<>();
        for (int i = 0; i < PROVIDERS; i++) {
            providers.add(context.getBean(Providers.class).create(admin, new ProviderDetails("Pat", "Provider " + i,
                    "MD", org.carerelay.practice.Npi.withCheckDigit(String.valueOf(100_000_000 + i)),
                    List.of(locations.get(i % LOCATIONS).id().value()))));
        }
        AppointmentType type = context.getBean(AppointmentTypes.class).create(admin, new AppointmentTypeDetails(
                "Follow-up", 10, Modality.IN_PERSON, 0, List.of()));
        List<Patient> patients = new ArrayList<>();
        Patients registry = context.getBean(Patients.class);
        for (int i = 0; i < PROVIDERS * VISITS_PER_PROVIDER; i++) {
            patients.add(registry.register(id, actor, new PatientDetails("Pat", "Bench " + i,
                    LocalDate.of(1970, 1, 1).plusDays(i), "R-" + i, Sex.UNKNOWN, "en", PreferredChannel.EMAIL,
                    "America/Chicago", null, null, List.of(new NewContactPoint(ContactSystem.EMAIL,
                            "patient" + i + "@bench.example.test", true, Map.of(), null)))));
        }
        return new Day(id, admin, locations, providers, type, patients);
    }

    /**
     * Books a day (imported, so no confirmations: the reminders alone are measured) whose 48-hour reminders fall
     * due from {@code firstDue}, each provider's visits {@value #VISIT_MINUTES} minutes apart; its first start.
     */
    private static Instant book(ConfigurableApplicationContext context, Day day, Instant firstDue) {
        Appointments appointments = context.getBean(Appointments.class);
        Instant firstStart = firstDue.truncatedTo(ChronoUnit.SECONDS).plus(ReminderPlan.TWO_DAYS_AHEAD);
        long started = System.nanoTime();
        for (int visit = 0; visit < VISITS_PER_PROVIDER; visit++) {
            for (int p = 0; p < PROVIDERS; p++) {
                Provider provider = day.providers().get(p);
                appointments.book(day.practice(), Actor.system("bench"), new AppointmentDetails(
                        day.patients().get(visit * PROVIDERS + p).id().value(), provider.id().value(),
                        provider.locationIds().get(0).value(), day.type().id().value(),
                        firstStart.plus(VISIT.multipliedBy(visit)).atOffset(ZoneOffset.UTC), null, null));
            }
        }
        System.out.printf("Booked a day in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return firstStart;
    }

    /** Sets the 48-hour timer of each visit of the day starting at {@code firstStart} to {@code due}(its start). */
    private static List<UUID> move(JdbcClient jdbc, Instant firstStart, UnaryOperator<Instant> due) {
        List<Object[]> visits = jdbc.sql("SELECT id, starts_at FROM appointment WHERE starts_at >= :from "
                        + "AND starts_at < :to")
                .param("from", Timestamp.from(firstStart))
                .param("to", Timestamp.from(firstStart.plus(VISIT.multipliedBy(VISITS_PER_PROVIDER))))
                .query((rs, n) -> new Object[] {rs.getObject("id", UUID.class),
                        rs.getTimestamp("starts_at").toInstant()})
                .list();
        for (Object[] visit : visits) {
            jdbc.sql("UPDATE scheduled_tasks SET execution_time = :at WHERE task_name = 'appointment-reminder' "
                            + "AND task_instance = :instance")
                    .param("at", Timestamp.from(due.apply((Instant) visit[1])))
                    .param("instance", visit[0] + "/TWO_DAYS")
                    .update();
        }
        return visits.stream().map(visit -> (UUID) visit[0]).toList();
    }

    /**
     * Waits until the 48-hour reminder of every appointment in {@code ids} is handed over (or two minutes after
     * {@code lastDue}); the lag of each after its due time ({@code due} of the visit's start), in ms.
     */
    private static long[] lags(JdbcClient jdbc, List<UUID> ids, Instant lastDue, UnaryOperator<Instant> due)
            throws InterruptedException {
        String sql = """
                SELECT m.created_at, a.starts_at FROM appointment a
                JOIN message m ON m.practice_id = a.practice_id
                             AND m.idempotency_key = 'appointment:' || a.id || ':two_days:'
                                                     || extract(epoch FROM a.starts_at)::bigint
                WHERE a.id = ANY(:ids)""";
        Instant giveUp = lastDue.plus(Duration.ofMinutes(2));
        List<Long> lags;
        do {
            Thread.sleep(500);
            lags = jdbc.sql(sql).param("ids", ids.toArray(UUID[]::new))
                    .query((rs, n) -> Duration.between(due.apply(rs.getTimestamp("starts_at").toInstant()),
                            rs.getTimestamp("created_at").toInstant()).toMillis())
                    .list();
        } while (lags.size() < ids.size() && Instant.now().isBefore(giveUp));
        if (lags.size() < ids.size()) {
            System.out.printf("  only %d of %d reminders were handed over%n", lags.size(), ids.size());
        }
        return lags.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static void report(String run, long[] lags) {
        System.out.printf("48 h reminders, %-24s: handed over p50 %5.2f s, p95 %5.2f s, max %5.2f s after due "
                        + "(goal: all within 10 s)%n", run, lags[lags.length / 2] / 1e3,
                lags[Math.min(lags.length - 1, (int) Math.ceil(0.95 * lags.length) - 1)] / 1e3,
                lags[lags.length - 1] / 1e3);
    }

    /** The hub alone: the same 3,000 reminders handed to it directly, 8 at a time (db-scheduler's threads). */
    private static void baseline(ConfigurableApplicationContext context, Day day) throws InterruptedException {
        Messages messages = context.getBean(Messages.class);
        Map<String, Object> sample = DefaultTemplates.sample("appointment-reminder");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        for (Patient patient : day.patients()) {
            pool.execute(() -> messages.send(day.practice(), Actor.system("bench"), new SendRequest(patient.id(),
                    null, Channel.PREFERRED, "appointment-reminder", sample, Purpose.CARE,
                    "baseline:" + UUID.randomUUID(), null)));
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Baseline, the hub alone: 3,000 reminders handed over directly in %.1f s (%.0f/s)%n",
                seconds, day.patients().size() / seconds);
    }
}
