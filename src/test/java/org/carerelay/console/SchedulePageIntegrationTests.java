package org.carerelay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import org.carerelay.AuditTrail;
import org.carerelay.practice.CancelReason;
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.scheduling.ProviderSchedules;
import org.carerelay.scheduling.WorkingHours;
import org.hamcrest.Matchers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.IntegrationTest;
import org.carerelay.TestClinic;
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
import org.carerelay.practice.StaffRole;
import org.carerelay.scheduling.NoShowRates;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

/** The front desk's day: visits with their state, check-in and no-shows, booking for a patient, no-show rates. */
@IntegrationTest
class SchedulePageIntegrationTests {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

    TestPractices.TestPractice registered;
    PracticeId practice;
    ConsoleSession console;
    Caller admin;
    Location clinic;
    Provider provider;
    AppointmentType followUp;
    Patient ana;

    @BeforeEach
    void aClinicWithAProviderEveryAfternoon() {
        registered = TestPractices.register(context);
        practice = registered.id();
        console = new ConsoleSession(mvc, context, practice);
        TestClinic opened = TestClinic.open(context, practice);
        admin = opened.admin();
        clinic = opened.clinic();
        provider = opened.provider();
        followUp = opened.followUp();
        ana = TestPatients.register(context, practice, "en", PreferredChannel.EMAIL,
                TestPatients.email("ana.schedule@example.test"));
    }

    @Test
    void theDeskSeesTheDayChecksAPatientInAndMarksANoShow() throws Exception {
        // Visits that have begun: the day's check-in and no-show are both in time.
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        Appointment first = book(hourAgo.minus(Duration.ofMinutes(30)));
        Appointment second = book(hourAgo);
        LocalDate day = second.localStart().toLocalDate();
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);

        String page = page(desk, "/console/schedule?location=" + clinic.id().value() + "&date=" + day);
        assertThat(page).contains("Riverside Clinic", "Ana Lopez", ">Check in<", ">No-show<",
                "/static/js/schedule-live.js", "No-show rate, last 8 weeks");

        MockHttpServletResponse checkedIn = console.post("/console/schedule/" + first.id().value() + "/status", desk,
                "status", "CHECKED_IN");
        assertThat(checkedIn.getRedirectedUrl()).isEqualTo("/console/schedule?date="
                + first.localStart().toLocalDate() + "&location=" + clinic.id().value());
        console.post("/console/schedule/" + second.id().value() + "/status", desk, "status", "NO_SHOW");
        assertThat(status(first)).isEqualTo(AppointmentStatus.CHECKED_IN);
        assertThat(status(second)).isEqualTo(AppointmentStatus.NO_SHOW);

        // A final state cannot change again: a 409, said on the page, nothing changes.
        MockHttpServletResponse again = console.post("/console/schedule/" + second.id().value() + "/status", desk,
                "status", "CHECKED_IN");
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString()).contains("cannot become checked_in");
        assertThat(status(second)).isEqualTo(AppointmentStatus.NO_SHOW);
        assertThat(console.get("/console/schedule/day?location=" + clinic.id().value() + "&date=" + day, desk)
                .getContentAsString()).contains("Checked in", "No show").doesNotContain("<html");
    }

    @Test
    void offersNeitherCheckInNorNoShowDaysBeforeTheVisitAndRefusesThemOnThePageAndInTheApi() throws Exception {
        LocalDate inFiveDays = LocalDate.now(CHICAGO).plusDays(5);
        Appointment ahead = book(at(inFiveDays, "13:00"));
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);

        String page = page(desk, "/console/schedule?location=" + clinic.id().value() + "&date=" + inFiveDays);
        assertThat(page).contains("Ana Lopez", ">Confirm<", "Cancel…").doesNotContain(">Check in<", ">No-show<");

        MockHttpServletResponse noShow = console.post("/console/schedule/" + ahead.id().value() + "/status", desk,
                "status", "NO_SHOW");
        assertThat(noShow.getStatus()).isEqualTo(409);
        assertThat(noShow.getContentAsString()).contains("only once it has started");
        MockHttpServletResponse checkIn = console.post("/console/schedule/" + ahead.id().value() + "/status", desk,
                "status", "CHECKED_IN");
        assertThat(checkIn.getStatus()).isEqualTo(409);
        assertThat(checkIn.getContentAsString()).contains("from the day of the visit");

        mvc.perform(put("/api/v1/appointments/" + ahead.id().value())
                        .header(HttpHeaders.AUTHORIZATION, registered.bearer(StaffRole.FRONT_DESK))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(apiDetails(ahead, "no_show")))
                .andExpect(MockMvcResultMatchers.status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("A visit can be marked a no-show only once it has started"));
        mvc.perform(put("/api/v1/appointments/" + ahead.id().value())
                        .header(HttpHeaders.AUTHORIZATION, registered.bearer(StaffRole.FRONT_DESK))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(apiDetails(ahead, "checked_in")))
                .andExpect(MockMvcResultMatchers.status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith(
                        "A patient can be checked in from the day of the visit")));
        assertThat(status(ahead)).isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void undoesACheckInOrANoShowTheSameDayAndAuditsIt() throws Exception {
        Appointment visit = book(Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES));
        LocalDate day = visit.localStart().toLocalDate();
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);
        String path = "/console/schedule/" + visit.id().value();

        console.post(path + "/status", desk, "status", "CHECKED_IN");
        assertThat(page(desk, "/console/schedule?location=" + clinic.id().value() + "&date=" + day))
                .contains("Undo check-in");
        assertThat(console.post(path + "/undo", desk).getRedirectedUrl()).startsWith("/console/schedule?date=");
        assertThat(status(visit)).isEqualTo(AppointmentStatus.BOOKED);

        console.post(path + "/status", desk, "status", "NO_SHOW");
        assertThat(page(desk, "/console/schedule?location=" + clinic.id().value() + "&date=" + day))
                .contains("Undo no-show");
        console.post(path + "/undo", desk);
        assertThat(status(visit)).isEqualTo(AppointmentStatus.BOOKED);

        AuditTrail.chain(context);
        assertThat(jdbc().sql("SELECT payload->>'from' FROM audit_event WHERE practice_id = :p "
                        + "AND action = 'appointment.status-undone' ORDER BY chain_seq")
                .param("p", practice.value()).query(String.class).list()).containsExactly("CHECKED_IN", "NO_SHOW");

        // Marked on an earlier day: no longer undone.
        console.post(path + "/status", desk, "status", "NO_SHOW");
        jdbc().sql("UPDATE appointment SET status_changed_at = status_changed_at - interval '1 day' WHERE id = :id")
                .param("id", visit.id().value()).update();
        assertThat(page(desk, "/console/schedule?location=" + clinic.id().value() + "&date=" + day))
                .doesNotContain("Undo no-show");
        assertThat(console.post(path + "/undo", desk).getStatus()).isEqualTo(409);
        assertThat(status(visit)).isEqualTo(AppointmentStatus.NO_SHOW);
    }

    @Test
    void cancellingAsksForConfirmationAndAReasonWhichTheFiguresCount() throws Exception {
        LocalDate inFiveDays = LocalDate.now(CHICAGO).plusDays(5);
        Appointment ahead = book(at(inFiveDays, "13:00"));
        Appointment begun = book(Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES));
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);
        String path = "/console/schedule/" + ahead.id().value();

        // One click cancels nothing: the row links to a confirmation step.
        assertThat(page(desk, "/console/schedule?location=" + clinic.id().value() + "&date=" + inFiveDays))
                .contains("href=\"" + path + "/cancel\"").doesNotContain("value=\"CANCELLED\"");
        assertThat(console.post(path + "/status", desk, "status", "CANCELLED").getStatus()).isEqualTo(400);
        assertThat(page(desk, path + "/cancel")).contains("Cancel this visit?", "Ana Lopez", "1:00 PM CT",
                "Patient asked", "Provider unavailable", "Send the patient a cancellation message");
        assertThat(console.post(path + "/cancel", desk, "tellPatient", "true").getStatus()).isEqualTo(400);
        assertThat(status(ahead)).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(templatesSent()).doesNotContain("appointment-cancelled");

        console.post(path + "/cancel", desk, "reason", "PROVIDER_UNAVAILABLE", "tellPatient", "true");
        assertThat(status(ahead)).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(templatesSent()).containsOnlyOnce("appointment-cancelled");

        // Booked in error, and the patient is not bothered: counted by its reason.
        console.post("/console/schedule/" + begun.id().value() + "/cancel", desk, "reason", "BOOKED_IN_ERROR");
        assertThat(status(begun)).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(templatesSent()).containsOnlyOnce("appointment-cancelled");
        assertThat(context.getBean(NoShowRates.class).cancellations(practice, 8)).containsExactly(
                new NoShowRates.Cancellations(clinic.id().value(), "Riverside Clinic", CancelReason.BOOKED_IN_ERROR,
                        1));
        assertThat(page(desk, "/console/schedule?location=" + clinic.id().value()))
                .contains("Cancelled visits, last 8 weeks, by reason", "Booked in error");
        AuditTrail.chain(context);
        assertThat(jdbc().sql("SELECT payload->>'reason' FROM audit_event WHERE practice_id = :p "
                        + "AND action = 'appointment.updated' AND payload->>'status' = 'CANCELLED' ORDER BY chain_seq")
                .param("p", practice.value()).query(String.class).list())
                .containsExactly("PROVIDER_UNAVAILABLE", "BOOKED_IN_ERROR");
    }

    @Test
    void theApiCancelsWithAReasonAndUndoesACheckInOfToday() throws Exception {
        Appointment ahead = book(at(LocalDate.now(CHICAGO).plusDays(5), "13:00"));
        Appointment begun = book(Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES));

        mvc.perform(post("/api/v1/appointments/" + ahead.id().value() + "/cancellation")
                        .header(HttpHeaders.AUTHORIZATION, registered.bearer(StaffRole.FRONT_DESK))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"practice_closed\"}"))
                .andExpect(MockMvcResultMatchers.status().isOk())
                .andExpect(jsonPath("$.status").value("cancelled"));
        assertThat(templatesSent()).containsOnlyOnce("appointment-cancelled");
        mvc.perform(post("/api/v1/appointments/" + ahead.id().value() + "/cancellation")
                        .header(HttpHeaders.AUTHORIZATION, registered.bearer(StaffRole.FRONT_DESK))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(MockMvcResultMatchers.status().isBadRequest());

        mvc.perform(put("/api/v1/appointments/" + begun.id().value())
                        .header(HttpHeaders.AUTHORIZATION, registered.bearer(StaffRole.FRONT_DESK))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(apiDetails(begun, "checked_in")))
                .andExpect(MockMvcResultMatchers.status().isOk());
        mvc.perform(post("/api/v1/appointments/" + begun.id().value() + "/status-undo")
                        .header(HttpHeaders.AUTHORIZATION, registered.bearer(StaffRole.FRONT_DESK)))
                .andExpect(MockMvcResultMatchers.status().isOk())
                .andExpect(jsonPath("$.status").value("booked"));
        mvc.perform(post("/api/v1/appointments/" + begun.id().value() + "/status-undo")
                        .header(HttpHeaders.AUTHORIZATION, registered.bearer(StaffRole.FRONT_DESK)))
                .andExpect(MockMvcResultMatchers.status().isConflict())
                .andExpect(jsonPath("$.detail").value("Only a check-in or a no-show marked today can be undone"));
        mvc.perform(post("/api/v1/appointments/" + begun.id().value() + "/status-undo")
                        .header(HttpHeaders.AUTHORIZATION, registered.bearer(StaffRole.READ_ONLY)))
                .andExpect(MockMvcResultMatchers.status().isForbidden());
    }

    @ParameterizedTest(name = "{0} sees the day without buttons that end on a refusal")
    @EnumSource(value = StaffRole.class, names = {"READ_ONLY", "BILLING"})
    void rolesThatMayNotChangeVisitsSeeNoActions(StaffRole role) throws Exception {
        Appointment begun = book(Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES));
        Cookie session = console.signIn(role);

        String page = page(session, "/console/schedule?location=" + clinic.id().value() + "&date="
                + begun.localStart().toLocalDate());

        assertThat(page).contains("Ana Lopez", "Booked")
                .doesNotContain(">Confirm<", ">Check in<", ">No-show<", "Cancel…", "/status\"", "Book for a patient");
    }

    @Test
    void theDeskBooksForAPatientFoundByNameAfterReviewingTheTimeAndItsProvider() throws Exception {
        Provider lee = context.getBean(Providers.class).create(admin, new ProviderDetails("Sam", "Lee", "NP",
                "1245319599", List.of(clinic.id().value())));
        context.getBean(ProviderSchedules.class).replaceTemplate(admin, lee.id(), List.of(new WorkingHours(
                clinic.id().value(), LocalDate.now(CHICAGO).plusDays(2).getDayOfWeek(), LocalTime.of(9, 0),
                LocalTime.of(10, 0), null, null)));
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);
        MockHttpServletResponse search = console.post("/console/schedule/book/search", desk, "location",
                clinic.id().value().toString(), "query", "lopez");
        assertThat(search.getStatus()).isEqualTo(200);
        assertThat(search.getContentAsString()).contains("Ana Lopez", "Choose");
        String times = "/console/schedule/book?location=" + clinic.id().value() + "&patient=" + ana.id().value()
                + "&type=" + followUp.id().value();
        Instant start = at(LocalDate.now(CHICAGO).plusDays(2), "14:00");
        String review = "/console/schedule/book/review?location=" + clinic.id().value() + "&patient="
                + ana.id().value() + "&type=" + followUp.id().value() + "&provider=" + provider.id().value()
                + "&start=" + start;
        assertThat(page(desk, times)).contains("Any provider", "Naomi Fischer, MD", "Sam Lee, NP", "2:00 PM CT",
                "9:00 AM CT", review.replace("&", "&amp;"));
        assertThat(page(desk, times + "&provider=" + lee.id().value())).contains("9:00 AM CT")
                .doesNotContain("2:00 PM CT");

        String reviewed = page(desk, review);
        assertThat(reviewed).contains("Follow-up with Naomi Fischer, MD, "
                + DateTimeFormatter.ofPattern("EEE MMM d", Locale.ENGLISH).format(start.atZone(CHICAGO))
                + ", 2:00 PM CT, Riverside Clinic", ">Confirm<").doesNotContain("cutoff-warning");
        assertThat(bookedFor(ana)).isEmpty();

        MockHttpServletResponse booked = console.post("/console/schedule/book", desk, "patient",
                ana.id().value().toString(), "type", followUp.id().value().toString(), "location",
                clinic.id().value().toString(), "provider", provider.id().value().toString(), "start",
                start.toString());

        assertThat(booked.getRedirectedUrl()).startsWith("/console/schedule?date=");
        assertThat(bookedFor(ana)).extracting(Appointment::start).containsExactly(start);
    }

    @Test
    void theReviewWarnsOfATimePastThePatientsChangeCutOff() throws Exception {
        TestPractices.store(context, practice, "scheduling.patient-change-cutoff-hours", "336");
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);
        Instant start = at(LocalDate.now(CHICAGO).plusDays(2), "14:00");

        assertThat(page(desk, "/console/schedule/book/review?location=" + clinic.id().value() + "&patient="
                + ana.id().value() + "&type=" + followUp.id().value() + "&provider=" + provider.id().value()
                + "&start=" + start)).contains("cutoff-warning", "less than 336 hours away");
    }

    @Test
    void theNoShowRateIsTheShareOfDueVisitsMissedPerWeekAndLocation() {
        LocalDate lastWeek = LocalDate.now(CHICAGO).minusWeeks(1).with(DayOfWeek.TUESDAY);
        for (int i = 0; i < 4; i++) {
            context.getBean(Appointments.class).book(practice, Actor.system("test"), new AppointmentDetails(
                    ana.id().value(), provider.id().value(), clinic.id().value(), followUp.id().value(),
                    at(lastWeek, "13:00").plusSeconds(1800L * i).atOffset(ZoneOffset.UTC), null,
                    i == 0 ? AppointmentStatus.NO_SHOW : i == 1 ? AppointmentStatus.CANCELLED
                            : AppointmentStatus.COMPLETED));
        }

        List<NoShowRates.Week> weeks = context.getBean(NoShowRates.class).lastWeeks(practice, 8);

        assertThat(weeks).hasSize(8);
        NoShowRates.Week week = weeks.stream().filter(w -> w.week().equals(lastWeek.with(DayOfWeek.MONDAY)))
                .findFirst().orElseThrow();
        assertThat(week.due()).isEqualTo(3); // the cancelled visit was not due
        assertThat(week.missed()).isEqualTo(1);
        assertThat(week.rate()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(weeks.get(0).rate()).isNull(); // eight weeks ago: nothing due
    }

    private List<Appointment> bookedFor(Patient patient) {
        return context.getBean(Appointments.class).list(admin, new AppointmentFilter(null, null,
                patient.id().value(), null, null, null), new PageRequest(0, 5)).items();
    }

    private List<String> templatesSent() {
        return jdbc().sql("SELECT template_key FROM message WHERE practice_id = :p ORDER BY created_at")
                .param("p", practice.value()).query(String.class).list();
    }

    private JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    private static String apiDetails(Appointment visit, String status) {
        return """
                {"patientId": "%s", "providerId": "%s", "locationId": "%s", "appointmentTypeId": "%s",
                 "start": "%s", "status": "%s"}""".formatted(visit.patientId().value(), visit.providerId().value(),
                visit.locationId().value(), visit.appointmentTypeId().value(), visit.localStart(), status);
    }

    private Appointment book(Instant start) {
        return context.getBean(Appointments.class).book(admin, new AppointmentDetails(ana.id().value(),
                provider.id().value(), clinic.id().value(), followUp.id().value(), start.atOffset(ZoneOffset.UTC),
                null, null));
    }

    private AppointmentStatus status(Appointment appointment) {
        return context.getBean(Appointments.class).find(practice, appointment.id()).status();
    }

    private String page(Cookie session, String path) throws Exception {
        MockHttpServletResponse response = console.get(path, session);
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private static Instant at(LocalDate date, String time) {
        return date.atTime(LocalTime.parse(time)).atZone(CHICAGO).toInstant();
    }
}
