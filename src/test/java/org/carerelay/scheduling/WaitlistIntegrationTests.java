package org.carerelay.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.IntegrationTest;
import org.carerelay.TestClinic;
import org.carerelay.SealedDeliveries;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentFilter;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.Location;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Provider;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PageRequest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Freed slots offered to the waitlist by claim links: the first claim wins, the others hear it is gone. */
@IntegrationTest
class WaitlistIntegrationTests {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Waitlist waitlist;

    TestPractice practice;
    Caller admin;
    Location clinic;
    Provider provider;
    AppointmentType followUp;

    @BeforeEach
    void aProviderWorkingEveryAfternoon() {
        practice = TestPractices.register(context);
        TestClinic opened = TestClinic.open(context, practice.id());
        admin = opened.admin();
        clinic = opened.clinic();
        provider = opened.provider();
        followUp = opened.followUp();
    }

    @Test
    void aFreedSlotIsOfferedToTheWaitingPatientsAndTheFirstToClaimGetsIt() throws Exception {
        Patient ana = patient();
        Patient ben = patient();
        join(ana, null).andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("waiting"));
        join(ben, null).andExpect(status().isCreated());
        Instant freed = inDays(3, "14:00");
        cancel(book(patient(), freed));

        String anasLink = claimLink(ana);
        String bensLink = claimLink(ben);
        mvc.perform(get("/w/" + bensLink))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Claim this appointment")));

        mvc.perform(post("/w/" + anasLink))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("It is yours")));
        mvc.perform(post("/w/" + bensLink))
                .andExpect(content().string(Matchers.containsString("another patient claimed this appointment")));

        assertThat(visitsOf(ana)).singleElement().satisfies(visit -> {
            assertThat(visit.start()).isEqualTo(freed);
            assertThat(visit.status()).isEqualTo(AppointmentStatus.CONFIRMED);
        });
        assertThat(visitsOf(ben)).isEmpty();
        assertThat(templatesSentTo(ben)).contains("waitlist-offer", "waitlist-slot-gone");
        mvc.perform(get("/api/v1/waitlist").header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(jsonPath("$.items[*].patientId").value(Matchers.contains(ben.id().value().toString())));
    }

    @Test
    void aPatientWaitingToComeEarlierHasTheirVisitMovedAndTheirOldSlotGoesToTheNextInTurn() throws Exception {
        Patient ana = patient();
        Patient ben = patient();
        UUID anasVisit = book(ana, inDays(6, "15:00"));
        join(ana, anasVisit).andExpect(jsonPath("$.wantedBefore").value(inDays(6, "15:00").toString()));
        join(ben, null);
        Instant freed = inDays(3, "14:00");
        cancel(book(patient(), freed));

        mvc.perform(post("/w/" + claimLink(ana))).andExpect(content().string(Matchers.containsString("It is yours")));

        Appointment moved = context.getBean(Appointments.class).find(practice.id(),
                new org.carerelay.practice.AppointmentId(anasVisit));
        assertThat(moved.start()).isEqualTo(freed);
        // Ana's old slot is offered to Ben in turn (he had the first offer too, now gone).
        await().atMost(Duration.ofSeconds(20)).until(() -> templatesSentTo(ben).stream()
                .filter("waitlist-offer"::equals).count() == 2);
        mvc.perform(post("/w/" + claimLink(ben))).andExpect(content().string(Matchers.containsString("It is yours")));
        assertThat(visitsOf(ben)).extracting(Appointment::start).containsExactly(inDays(6, "15:00"));
    }

    @Test
    void aVisitMovedToAnotherProviderFreesItsOldProvidersSlot() throws Exception {
        Provider colleague = context.getBean(org.carerelay.practice.Providers.class).create(admin,
                new org.carerelay.practice.ProviderDetails("Rafael", "Ortega", "DO", "1245319599",
                        List.of(clinic.id().value())));
        context.getBean(ProviderSchedules.class).replaceTemplate(admin, colleague.id(),
                context.getBean(ProviderSchedules.class).template(practice.id(), provider.id()));
        Patient ana = patient();
        join(ana, null);
        Instant freed = inDays(3, "14:00");
        Appointment visit = context.getBean(Appointments.class).find(practice.id(),
                new org.carerelay.practice.AppointmentId(book(patient(), freed)));
        context.getBean(Appointments.class).update(admin, visit.id(), new AppointmentDetails(
                visit.patientId().value(), colleague.id().value(), clinic.id().value(),
                visit.appointmentTypeId().value(), visit.localStart(), null, null));

        mvc.perform(post("/w/" + claimLink(ana))).andExpect(content().string(Matchers.containsString("It is yours")));
        assertThat(visitsOf(ana)).singleElement().satisfies(claimed -> {
            assertThat(claimed.start()).isEqualTo(freed);
            assertThat(claimed.providerId()).isEqualTo(provider.id());
        });
    }

    @Test
    void twoPatientsClaimingAtOnceGiveOneBooking() throws Exception {
        Patient ana = patient();
        Patient ben = patient();
        join(ana, null);
        join(ben, null);
        cancel(book(patient(), inDays(3, "14:00")));
        List<String> links = List.of(claimLink(ana), claimLink(ben));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Waitlist.Claim>> claims = new ArrayList<>();
        for (String link : links) {
            claims.add(pool.submit((Callable<Waitlist.Claim>) () -> waitlist.claim(link).orElseThrow()));
        }
        List<Waitlist.Claim> outcomes = new ArrayList<>();
        for (Future<Waitlist.Claim> claim : claims) {
            outcomes.add(claim.get());
        }
        pool.shutdown();

        assertThat(outcomes).containsExactlyInAnyOrder(Waitlist.Claim.CLAIMED, Waitlist.Claim.GONE);
        assertThat(visitsOf(ana).size() + visitsOf(ben).size()).isOne();
    }

    @Test
    void badRequestsAreRefusedAndAWithdrawnPatientIsNotOffered() throws Exception {
        Patient ana = patient();
        Patient ben = patient();
        UUID bensVisit = book(ben, inDays(5, "15:00"));
        call("""
                {"patientId": "%s"}""".formatted(ana.id().value()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("appointmentTypeId"));
        call("""
                {"patientId": "%s", "appointmentId": "%s"}""".formatted(ana.id().value(), bensVisit))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("appointmentId"));
        call("""
                {"patientId": "%s", "appointmentTypeId": "%s"}""".formatted(ana.id().value(), UUID.randomUUID()))
                .andExpect(status().is4xxClientError());
        call("{}").andExpect(status().isBadRequest());

        String id = JsonPath.read(join(ana, null).andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(delete("/api/v1/waitlist/{id}", id).header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isNoContent());
        cancel(bensVisit);
        Thread.sleep(1000);
        assertThat(templatesSentTo(ana)).doesNotContain("waitlist-offer");
        mvc.perform(get("/w/unknown-token")).andExpect(status().isNotFound());
    }

    private org.springframework.test.web.servlet.ResultActions join(Patient patient, UUID appointment)
            throws Exception {
        return call(appointment == null
                ? """
                {"patientId": "%s", "appointmentTypeId": "%s"}""".formatted(patient.id().value(), followUp.id().value())
                : """
                {"patientId": "%s", "appointmentId": "%s"}""".formatted(patient.id().value(), appointment));
    }

    private org.springframework.test.web.servlet.ResultActions call(String body) throws Exception {
        return mvc.perform(post("/api/v1/waitlist").header(HttpHeaders.AUTHORIZATION, practice.admin())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private Patient patient() {
        return TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email("patient-" + UUID.randomUUID() + "@example.test"));
    }

    private UUID book(Patient patient, Instant start) {
        return context.getBean(Appointments.class).book(admin, new AppointmentDetails(patient.id().value(),
                provider.id().value(), clinic.id().value(), followUp.id().value(), start.atOffset(ZoneOffset.UTC),
                null, null)).id().value();
    }

    private void cancel(UUID appointment) {
        Appointment visit = context.getBean(Appointments.class).find(practice.id(),
                new org.carerelay.practice.AppointmentId(appointment));
        context.getBean(Appointments.class).update(admin, visit.id(), new AppointmentDetails(
                visit.patientId().value(), visit.providerId().value(), visit.locationId().value(),
                visit.appointmentTypeId().value(), visit.localStart(), visit.localEnd(), AppointmentStatus.CANCELLED));
    }

    /** The token of the newest claim link e-mailed to {@code patient}, once the backfill has sent it. */
    private String claimLink(Patient patient) {
        String sql = "SELECT d.id, d.body_text FROM delivery d JOIN message m ON m.id = d.message_id "
                + "WHERE m.practice_id = :p AND m.patient_id = :patient AND m.template_key = 'waitlist-offer' "
                + "ORDER BY m.created_at DESC";
        Map<String, Object> params = Map.of("p", practice.id().value(), "patient", patient.id().value());
        await().atMost(Duration.ofSeconds(20)).until(() -> !SealedDeliveries.open(context, "body_text", sql, params)
                .isEmpty());
        return SealedDeliveries.open(context, "body_text", sql, params).get(0)
                .replaceAll("(?s).*/w/([A-Za-z0-9_-]+).*", "$1");
    }

    private List<Appointment> visitsOf(Patient patient) {
        return context.getBean(Appointments.class).list(admin, new AppointmentFilter(null, null,
                patient.id().value(), null, null, AppointmentStatus.CONFIRMED), new PageRequest(0, 10)).items();
    }

    private List<String> templatesSentTo(Patient patient) {
        return jdbc.sql("SELECT template_key FROM message WHERE practice_id = :p AND patient_id = :patient "
                        + "ORDER BY created_at")
                .param("p", practice.id().value()).param("patient", patient.id().value())
                .query(String.class).list();
    }

    private static Instant inDays(int days, String localTime) {
        return LocalDate.now(CHICAGO).plusDays(days).atTime(LocalTime.parse(localTime)).atZone(CHICAGO).toInstant();
    }
}
