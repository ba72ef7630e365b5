package org.carerelay.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.jayway.jsonpath.JsonPath;
import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestClinic;
import org.carerelay.SealedDeliveries;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeDetails;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.Location;
import org.carerelay.practice.Modality;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Provider;
import org.carerelay.shared.Caller;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Reminders as a patient meets them: the confirmation at booking, durable timers that follow the visit when it
 * moves or ends, one-tap links that confirm, cancel or move it (within the practice's cut-off), and text replies.
 */
@IntegrationTest
class RemindersIntegrationTests {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final Pattern LINK = Pattern.compile("https?://[^\\s]+/r/([A-Za-z0-9_-]+)");
    static final String PRACTICE_NUMBER = "+17735550100";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SchedulerClient scheduler;
    @Autowired
    ReminderSender sender;

    TestPractice practice;
    Caller admin;
    Location clinic;
    Provider provider;
    AppointmentType followUp;
    String phone;

    @BeforeEach
    void aProviderWorkingEveryAfternoon() {
        practice = TestPractices.register(context);
        TestClinic opened = TestClinic.open(context, practice.id());
        admin = opened.admin();
        clinic = opened.clinic();
        provider = opened.provider();
        followUp = opened.followUp();
        phone = "+1312555" + String.format("%04d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000));
    }

    @Test
    void bookingConfirmsAtOnceAndPlansBothRemindersMovingReplansAndCancellingRemovesThem() throws Exception {
        Patient patient = patient("en");
        Instant start = inDays(5, "14:00");
        UUID appointment = book(patient, start);

        assertThat(templatesSentTo(patient)).containsExactly("appointment-confirmation");
        assertThat(timers(appointment)).containsOnly(
                Map.entry("TWO_DAYS", start.minus(Duration.ofHours(48))),
                Map.entry("SHORT", start.minus(Duration.ofHours(2))));

        Instant later = inDays(6, "15:00");
        change(appointment, patient, later, "booked").andExpect(status().isOk());
        assertThat(timers(appointment)).containsOnly(
                Map.entry("TWO_DAYS", later.minus(Duration.ofHours(48))),
                Map.entry("SHORT", later.minus(Duration.ofHours(2))));
        assertThat(templatesSentTo(patient)).containsExactly("appointment-confirmation", "appointment-confirmation");

        change(appointment, patient, later, "cancelled").andExpect(status().isOk());
        assertThat(timers(appointment)).isEmpty();
        assertThat(templatesSentTo(patient)).containsExactly("appointment-confirmation", "appointment-confirmation",
                "appointment-cancelled");
    }

    @Test
    void aDueReminderLeavesWithItsLinksAndAReminderPlannedForAnotherStartSendsNothing() {
        Patient patient = patient("en");
        Instant start = inDays(5, "14:00");
        UUID appointment = book(patient, start);

        scheduler.reschedule(ReminderPlanner.instance(new AppointmentId(appointment), ReminderKind.TWO_DAYS),
                Instant.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> templatesSentTo(patient).contains("appointment-reminder"));
        assertThat(timers(appointment)).containsOnlyKeys("SHORT");
        String reminder = lastEmailTo(patient);
        assertThat(reminder).contains("Confirm: http", "Cancel: http", "Reschedule: http");

        sender.send(new ReminderTimer(practice.id().value(), appointment, ReminderKind.SHORT, start.plusSeconds(60)));
        sender.send(new ReminderTimer(practice.id().value(), appointment, ReminderKind.TWO_DAYS, start));
        assertThat(templatesSentTo(patient)).containsExactly("appointment-confirmation", "appointment-reminder");
    }

    @Test
    void theConfirmLinkAsksThenConfirmsAndOpeningItIsAudited() throws Exception {
        Patient patient = patient("en");
        UUID appointment = book(patient, inDays(5, "14:00"));
        Map<String, String> links = reminderLinks(patient, appointment);

        mvc.perform(get("/r/" + links.get("Confirm")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Confirm my appointment")));
        assertThat(statusOf(appointment)).isEqualTo(AppointmentStatus.BOOKED); // a GET (a mail scanner) changes nothing

        mvc.perform(post("/r/" + links.get("Confirm")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("your appointment is confirmed")));
        assertThat(statusOf(appointment)).isEqualTo(AppointmentStatus.CONFIRMED);
        AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE practice_id = :p AND actor_type = 'PATIENT' "
                        + "AND action = 'phi.appointment.viewed'")
                .param("p", practice.id().value()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theCancelLinkCancelsBeforeTheCutOffFreesTheSlotAndEndsTheLinks() throws Exception {
        Patient patient = patient("en");
        Instant start = inDays(5, "14:00");
        UUID appointment = book(patient, start);
        Map<String, String> links = reminderLinks(patient, appointment);

        mvc.perform(post("/r/" + links.get("Cancel")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Your appointment is cancelled")));

        assertThat(statusOf(appointment)).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(timers(appointment)).isEmpty();
        assertThat(templatesSentTo(patient)).contains("appointment-cancelled");
        mvc.perform(availability(start))
                .andExpect(jsonPath("$.items[*].start").value(Matchers.hasItem(start.toString())));
        mvc.perform(get("/r/" + links.get("Confirm")))
                .andExpect(status().isGone())
                .andExpect(content().string(Matchers.containsString("This link has expired")));
    }

    @Test
    void withinTheCutOffTheReminderOffersNoCancelLinkAndAnOlderOneAsksThePatientToCall() throws Exception {
        TestPractices.store(context, practice.id(), "scheduling.patient-change-cutoff-hours", "200");
        Patient patient = patient("en");
        UUID appointment = book(patient, inDays(5, "14:00"));
        Map<String, String> links = reminderLinks(patient, appointment);
        assertThat(links).containsOnlyKeys("Confirm");
        assertThat(lastEmailTo(patient)).doesNotContain("Cancel", "Reschedule");

        // A cancel link sent before the practice lengthened its cut-off, opened after.
        Matcher older = LINK.matcher(context.getBean(AppointmentLinks.class).issue(practice.id(),
                new AppointmentId(appointment), inDays(6, "14:00"), AppointmentLinks.Purpose.CANCEL)
                .get(AppointmentLinks.Purpose.CANCEL));
        assertThat(older.find()).isTrue();
        links.put("Cancel", older.group(1));
        mvc.perform(get("/r/" + links.get("Cancel")))
                .andExpect(content().string(Matchers.containsString("too late to change this appointment online")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"cancel\""))));
        mvc.perform(post("/r/" + links.get("Cancel")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("(312) 555-0100")));
        assertThat(statusOf(appointment)).isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void theRescheduleLinkOffersOpenTimesAndMovesTheVisitToTheOneChosen() throws Exception {
        Patient patient = patient("es");
        UUID appointment = book(patient, inDays(5, "14:00"));
        Map<String, String> links = reminderLinks(patient, appointment);
        Instant chosen = inDays(3, "15:30");

        mvc.perform(get("/r/" + links.get("Cambiar de horario")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Elija un nuevo horario")))
                .andExpect(content().string(Matchers.containsString("value=\"" + chosen + "\"")))
                .andExpect(content().string(Matchers.containsString(
                        DateTimeFormatter.ofPattern("HH:mm").format(chosen.atZone(CHICAGO)) + " CT")));
        mvc.perform(post("/r/" + links.get("Cambiar de horario"))
                        .param("start", inDays(3, "15:35").toString())
                        .param("provider", provider.id().value().toString()))
                .andExpect(content().string(Matchers.containsString("Ese horario se acaba de ocupar")));
        mvc.perform(post("/r/" + links.get("Cambiar de horario"))
                        .param("start", chosen.toString())
                        .param("provider", provider.id().value().toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Su cita se cambió")));

        var moved = context.getBean(Appointments.class).find(practice.id(), new AppointmentId(appointment));
        assertThat(moved.start()).isEqualTo(chosen);
        assertThat(moved.status()).isEqualTo(AppointmentStatus.CONFIRMED);
        assertThat(timers(appointment)).containsEntry("TWO_DAYS", chosen.minus(Duration.ofHours(48)));
        mvc.perform(get("/r/" + links.get("Confirmar"))).andExpect(status().isGone());
    }

    @Test
    void aVideoVisitsShortReminderCarriesALinkIntoThePortalsVisitPage() throws Exception {
        AppointmentType video = context.getBean(AppointmentTypes.class).create(admin, new AppointmentTypeDetails(
                "Video visit", 20, Modality.VIDEO, 0, List.of()));
        Patient patient = patient("en");
        var visit = context.getBean(Appointments.class).book(admin, new org.carerelay.practice.AppointmentDetails(
                patient.id().value(), provider.id().value(), clinic.id().value(), video.id().value(),
                inDays(5, "14:00").atOffset(java.time.ZoneOffset.UTC), null, null));

        sender.send(new ReminderTimer(practice.id().value(), visit.id().value(), ReminderKind.SHORT, visit.start()));

        Matcher link = LINK.matcher(lastEmailTo(patient));
        assertThat(link.find()).isTrue();
        mvc.perform(get("/r/" + link.group(1)))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/portal/visits/" + visit.id().value() + "/video"));
    }

    @Test
    void anUnknownLinkIsA404Page() throws Exception {
        mvc.perform(get("/r/not-a-token")).andExpect(status().isNotFound())
                .andExpect(content().string(Matchers.containsString("This link is not known")));
        mvc.perform(post("/r/" + "x".repeat(500))).andExpect(status().isNotFound());
    }

    @Test
    void aTextedCConfirmsAndXCancelsTheNextVisitWithoutReachingTheInbox() {
        Patient patient = patient("en");
        UUID first = book(patient, inDays(2, "14:00"));
        UUID second = book(patient, inDays(4, "14:00"));

        text("C");
        assertThat(statusOf(first)).isEqualTo(AppointmentStatus.CONFIRMED);
        assertThat(templatesSentTo(patient)).contains("appointment-confirmed");
        text("x.");
        assertThat(statusOf(first)).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(statusOf(second)).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(conversations()).isZero();

        text("Can I come at 3 instead?");
        assertThat(conversations()).isOne();
    }

    @Test
    void aTextedCancelOptsTheNumberOutAndAsksStaffWhetherThePatientMeantTheVisit() {
        Patient patient = patient("en");
        UUID appointment = book(patient, inDays(2, "14:00"));

        text("Cancel");

        assertThat(statusOf(appointment)).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(jdbc.sql("SELECT count(*) FROM suppression WHERE practice_id = :p AND address = :phone")
                .param("p", practice.id().value()).param("phone", phone).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("SELECT category FROM conversation WHERE practice_id = :p AND patient_id = :patient "
                        + "AND status = 'OPEN'")
                .param("p", practice.id().value()).param("patient", patient.id().value())
                .query(String.class).list()).containsExactly("APPOINTMENT");
    }

    private Patient patient(String language) {
        return TestPatients.register(context, practice.id(), language, PreferredChannel.EMAIL,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)),
                TestPatients.email("patient-" + UUID.randomUUID() + "@example.test"));
    }

    private UUID book(Patient patient, Instant start) {
        try {
            String body = mvc.perform(post("/api/v1/appointments")
                            .header(HttpHeaders.AUTHORIZATION, practice.admin())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"patientId": "%s", "appointmentTypeId": "%s", "providerId": "%s",
                                     "locationId": "%s", "start": "%s"}""".formatted(patient.id().value(),
                                    followUp.id().value(), provider.id().value(), clinic.id().value(), start)))
                    .andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString();
            return UUID.fromString(JsonPath.read(body, "$.id"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResultActions change(UUID appointment, Patient patient, Instant start, String status) throws Exception {
        return mvc.perform(put("/api/v1/appointments/{id}", appointment)
                .header(HttpHeaders.AUTHORIZATION, practice.admin())
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"patientId": "%s", "appointmentTypeId": "%s", "providerId": "%s", "locationId": "%s",
                         "start": "%s", "status": "%s"}""".formatted(patient.id().value(), followUp.id().value(),
                        provider.id().value(), clinic.id().value(), start, status)));
    }

    private org.springframework.test.web.servlet.RequestBuilder availability(Instant start) {
        return get("/api/v1/availability")
                .header(HttpHeaders.AUTHORIZATION, practice.admin())
                .param("appointmentType", followUp.id().value().toString())
                .param("from", start.minusSeconds(3600).toString())
                .param("to", start.plusSeconds(3600).toString());
    }

    /** The reminder's links by their label ("Confirm", "Cancel", "Reschedule"), sent as the timer would. */
    private Map<String, String> reminderLinks(Patient patient, UUID appointment) {
        sender.send(new ReminderTimer(practice.id().value(), appointment, ReminderKind.TWO_DAYS,
                context.getBean(Appointments.class).find(practice.id(), new AppointmentId(appointment)).start()));
        Map<String, String> links = new java.util.HashMap<>();
        Matcher line = Pattern.compile("(?m)^([^:\\n]+): " + LINK.pattern()).matcher(lastEmailTo(patient));
        while (line.find()) {
            links.put(line.group(1), line.group(2));
        }
        return links;
    }

    private String lastEmailTo(Patient patient) {
        List<String> texts = SealedDeliveries.open(context, "body_text", "SELECT d.id, d.body_text FROM delivery d "
                        + "JOIN message m ON m.id = d.message_id WHERE m.practice_id = :p AND m.patient_id = :patient "
                        + "AND d.channel = 'EMAIL' ORDER BY m.created_at DESC",
                Map.of("p", practice.id().value(), "patient", patient.id().value()));
        return texts.get(0);
    }

    private List<String> templatesSentTo(Patient patient) {
        return jdbc.sql("SELECT template_key FROM message WHERE practice_id = :p AND patient_id = :patient "
                        + "ORDER BY created_at")
                .param("p", practice.id().value())
                .param("patient", patient.id().value())
                .query(String.class).list();
    }

    private Map<String, Instant> timers(UUID appointment) {
        Map<String, Instant> timers = new java.util.HashMap<>();
        jdbc.sql("SELECT task_instance, execution_time FROM scheduled_tasks WHERE task_name = 'appointment-reminder' "
                        + "AND task_instance LIKE :prefix")
                .param("prefix", appointment + "/%")
                .query((java.sql.ResultSet rs) -> {
                    timers.put(rs.getString("task_instance").substring(37),
                            rs.getObject("execution_time", java.time.OffsetDateTime.class).toInstant());
                });
        return timers;
    }

    private AppointmentStatus statusOf(UUID appointment) {
        return context.getBean(Appointments.class).find(practice.id(), new AppointmentId(appointment)).status();
    }

    private void text(String body) {
        context.getBean(InboundSms.class).receive(practice.id(), phone, PRACTICE_NUMBER, body, "twilio",
                "SM" + UUID.randomUUID());
    }

    private long conversations() {
        return jdbc.sql("SELECT count(*) FROM conversation WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Long.class).single();
    }

    private static Instant inDays(int days, String localTime) {
        ZonedDateTime day = LocalDate.now(CHICAGO).plusDays(days).atTime(LocalTime.parse(localTime)).atZone(CHICAGO);
        return day.toInstant();
    }
}
