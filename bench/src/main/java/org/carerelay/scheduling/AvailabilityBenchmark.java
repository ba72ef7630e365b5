package org.carerelay.scheduling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.carerelay.bench.BenchServer;
import org.carerelay.identity.ApiTokens;
import org.carerelay.practice.Address;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeDetails;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
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
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.PracticeId;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Availability search over HTTP for a practice of 12 locations (four time zones) and 60 providers, each working
 * weekday mornings and afternoons at one or two locations, with about 40 % of the next two weeks already booked:
 * p50/p95/p99 of 14-day searches for one type across the practice, at one location, and for one provider, next to
 * a same-run baseline of the one SQL statement that reads the booked time.
 */
public final class AvailabilityBenchmark {

    static final int LOCATIONS = 12;
    static final int PROVIDERS = 60;
    static final int DAYS = 14;
    static final int WARM_UP = 200;
    static final int RUNS = 300;
    static final List<String> ZONES = List.of("America/New_York", "America/Chicago", "America/Denver",
            "America/Los_Angeles");
    static final String TOKEN = "crt_bench_availability_0123456789";

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = BenchServer.start("availability",
                "--carerelay.messaging.dispatch.enabled=false")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            Practice practice = practice(context);
            try (java.sql.Connection owner = org.carerelay.database.BenchDatabase.ownerConnection(context);
                    java.sql.Statement statement = owner.createStatement()) {
                statement.execute("ANALYZE");
            }
            HttpClient http = HttpClient.newHttpClient();
            LocalDate monday = LocalDate.now(ZoneId.of("America/New_York")).with(
                    java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY));
            String range = "&from=" + monday + "&to=" + monday.plusDays(DAYS - 1);
            String type = "/api/v1/availability?appointmentType=" + practice.type().id().value() + range;
            List<String[]> searches = List.of(
                    new String[] {"whole practice", type},
                    new String[] {"one location", type + "&location=" + practice.locations().get(0).id().value()},
                    new String[] {"one provider", type + "&provider=" + practice.providers().get(0).id().value()});
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            Instant from = monday.atStartOfDay(ZoneId.of("UTC")).toInstant();
            LongSupplier baseline = () -> timed(() -> jdbc.sql("""
                    SELECT a.provider_id, a.location_id, a.starts_at, a.ends_at, a.busy_until
                    FROM appointment a WHERE a.practice_id = :p AND a.status IN ('BOOKED', 'CONFIRMED')
                      AND a.starts_at < :to AND a.busy_until > :from""")
                    .param("p", practice.id().value()).param("from", Timestamp.from(from))
                    .param("to", Timestamp.from(from.plusSeconds(DAYS * 86_400L))).query().listOfRows().size());
            System.out.printf("%n%d locations, %d providers, %d booked appointments in the %d days searched%n",
                    LOCATIONS, PROVIDERS, practice.booked(), DAYS);
            for (String[] search : searches) {
                int[] slots = new int[1];
                LongSupplier call = () -> timed(() -> slots[0] = get(http, port, search[1]));
                measure(call, WARM_UP);
                long[] times = measure(call, RUNS);
                System.out.printf("Availability, %-15s %5d slots: p50 %5.1f ms, p95 %5.1f ms, p99 %5.1f ms "
                        + "(goal p95 < 50)%n", search[0], slots[0], percentile(times, 50), percentile(times, 95),
                        percentile(times, 99));
            }
            measure(baseline, WARM_UP);
            long[] base = measure(baseline, RUNS);
            System.out.printf("Baseline, the booked time read alone in SQL:       p50 %5.1f ms, p95 %5.1f ms, "
                    + "p99 %5.1f ms%n", percentile(base, 50), percentile(base, 95), percentile(base, 99));
        }
    }

    private record Practice(PracticeId id, List<Location> locations, List<Provider> providers, AppointmentType type,
            int booked) {
    }

    private static Practice practice(ConfigurableApplicationContext context) throws Exception {
        Actor actor = Actor.system("bench");
        PracticeId id = context.getBean(Practices.class).register(new PracticeDetails("Bench Scheduling",
                "Bench Scheduling", new Address("1 Bench St", null, "Chicago", "IL", "60601", "US"), "en"), actor)
                .id();
        context.getBean(ApiTokens.class).ensure(id, "bench", StaffRole.CLINIC_ADMIN, TOKEN, actor);
        Caller admin = new Caller(id, actor, "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < LOCATIONS; i++) {
            locations.add(context.getBean(Locations.class).create(admin, new LocationDetails("Clinic " + i,
                    new Address(i + " Main St", null, "Springfield", "IL", "62701", "US"), null,
                    ZONES.get(i % ZONES.size()), List.of(), 4)));
        }
        List<Provider> providers = new ArrayList<>();
        ProviderSchedules schedules = context.getBean(ProviderSchedules.class);
        for (int i = 0; i < PROVIDERS; i++) {
            List<UUID> sites = i % 5 == 0
                    ? List.of(locations.get(i % LOCATIONS).id().value(),
                            locations.get((i + 1) % LOCATIONS).id().value())
                    : List.of(locations.get(i % LOCATIONS).id().value());
            Provider provider = context.getBean(Providers.class).create(admin, new ProviderDetails("Pat", "Provider "
                    + i, "MD", org.carerelay.practice.Npi.withCheckDigit(String.valueOf(100_000_000 + i)), sites));
            List<WorkingHours> week = new ArrayList<>();
            for (DayOfWeek day : Arrays.asList(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
                UUID site = sites.get(day.getValue() % sites.size());
                week.add(new WorkingHours(site, day, LocalTime.of(8, 0), LocalTime.of(12, 0), null, null));
                week.add(new WorkingHours(site, day, LocalTime.of(13, 0), LocalTime.of(17, 0), null, null));
            }
            schedules.replaceTemplate(admin, provider.id(), week);
            providers.add(provider);
        }
        AppointmentType type = context.getBean(AppointmentTypes.class).create(admin, new AppointmentTypeDetails(
                "Follow-up", 20, Modality.IN_PERSON, 10, List.of()));
        return new Practice(id, locations, providers, type, book(context, id, providers, type));
    }

    /** Books about 40 % of every provider's next two weeks, straight into the table (the setup, not measured). */
    private static int book(ConfigurableApplicationContext context, PracticeId practice, List<Provider> providers,
            AppointmentType type) {
        Patient patient = context.getBean(Patients.class).register(practice, Actor.system("bench"),
                new PatientDetails("Pat", "Bench", LocalDate.of(1970, 1, 1), "B-1", Sex.UNKNOWN, "en",
                        PreferredChannel.EMAIL, "America/Chicago", null, null, List.of()));
        Availability availability = context.getBean(Availability.class);
        Instant from = Instant.now();
        List<Slot> open = availability.search(practice, new Availability.Query(type.id(), null, null, from,
                from.plusSeconds((DAYS + 2) * 86_400L)));
        Random random = new Random(42);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        int booked = 0;
        for (Slot slot : open) {
            if (random.nextInt(100) < 40) {
                jdbc.sql("""
                        INSERT INTO appointment (id, practice_id, patient_id, provider_id, location_id,
                                                 appointment_type_id, starts_at, ends_at, busy_until, status,
                                                 created_at, updated_at)
                        VALUES (gen_random_uuid(), :p, :patient, :provider, :location, :type, :start, :end,
                                :busy, 'BOOKED', now(), now())""")
                        .param("p", practice.value()).param("patient", patient.id().value())
                        .param("provider", slot.providerId()).param("location", slot.locationId())
                        .param("type", type.id().value()).param("start", Timestamp.from(slot.start()))
                        .param("end", Timestamp.from(slot.end()))
                        .param("busy", Timestamp.from(slot.end().plusSeconds(type.bufferMinutes() * 60L)))
                        .update();
                booked++;
            }
        }
        return booked;
    }

    private static int get(HttpClient http, int port, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + path)).header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body().split("\"start\"", -1).length - 1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static long[] measure(LongSupplier call, int runs) {
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = call.getAsLong();
        }
        Arrays.sort(times);
        return times;
    }

    private static double percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
