package org.carerelay.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.carerelay.IntegrationTest;
import org.carerelay.TestClinic;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.WebClient;
import org.carerelay.practice.AppointmentFilter;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.Location;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Practices;
import org.carerelay.practice.Provider;
import org.carerelay.scheduling.Availability;
import org.carerelay.scheduling.Slot;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A patient books, sees, moves and cancels their visits in the portal, in their own language. */
@IntegrationTest
class PortalAppointmentsIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

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
    void aPatientBooksAnOpenTimeSeesItAndCancelsIt() throws Exception {
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));
        WebClient browser = WebClient.signedInPatient(mvc, context, slug(), email);

        assertThat(page(browser, "/portal/book")).contains("What kind of visit?", "Follow-up", "Riverside Clinic");
        String times = page(browser, "/portal/book?type=" + followUp.id().value() + "&location="
                + clinic.id().value());
        Slot open = openSlots().get(3);
        assertThat(times).contains("value=\"" + open.start() + "\"");

        MvcResult refused = browser.post("/portal/book", "type", followUp.id().value().toString(), "location",
                clinic.id().value().toString(), "provider", provider.id().value().toString(), "start",
                open.start().plusSeconds(300).toString());
        assertThat(refused.getResponse().getRedirectedUrl()).startsWith("/portal/book?type=");
        assertThat(page(browser, refused.getResponse().getRedirectedUrl())).contains("That time was just taken");

        MvcResult booked = browser.post("/portal/book", "type", followUp.id().value().toString(), "location",
                clinic.id().value().toString(), "provider", provider.id().value().toString(), "start",
                open.start().toString());
        assertThat(booked.getResponse().getRedirectedUrl()).isEqualTo("/portal/appointments");
        String appointments = page(browser, "/portal/appointments");
        assertThat(appointments).contains("Your appointment is booked", "Follow-up · Naomi Fischer, MD",
                "Reschedule");
        Appointment visit = visitsOf(patient).get(0);
        assertThat(visit.start()).isEqualTo(open.start());

        browser.post("/portal/appointments/" + visit.id().value() + "/cancel");
        assertThat(page(browser, "/portal/appointments")).contains("Your appointment is cancelled");
        assertThat(visitsOf(patient).get(0).status()).isEqualTo(AppointmentStatus.CANCELLED);
    }

    @Test
    void aPatientMovesTheirVisitToAnotherOpenTime() throws Exception {
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));
        List<Slot> open = openSlots();
        WebClient browser = WebClient.signedInPatient(mvc, context, slug(), email);
        browser.post("/portal/book", "type", followUp.id().value().toString(), "location",
                clinic.id().value().toString(), "provider", provider.id().value().toString(), "start",
                open.get(20).start().toString());
        Appointment visit = visitsOf(patient).get(0);

        assertThat(page(browser, "/portal/appointments/" + visit.id().value() + "/reschedule"))
                .contains("Choose a new time", "value=\"" + open.get(21).start() + "\"");
        MvcResult moved = browser.post("/portal/appointments/" + visit.id().value() + "/reschedule", "start",
                open.get(21).start().toString(), "provider", provider.id().value().toString());

        assertThat(moved.getResponse().getRedirectedUrl()).isEqualTo("/portal/appointments");
        assertThat(visitsOf(patient).get(0).start()).isEqualTo(open.get(21).start());
    }

    @Test
    void theLanguageFollowsThePatientAndCanBeSwitched() throws Exception {
        String email = "ana." + UUID.randomUUID() + "@example.test";
        TestPatients.register(context, practice.id(), "es", PreferredChannel.EMAIL, TestPatients.email(email));
        WebClient browser = WebClient.signedInPatient(mvc, context, slug(), email);

        assertThat(page(browser, "/portal/appointments")).contains("<html lang=\"es\"", "Reservar una cita");
        assertThat(page(browser, "/portal/appointments?lang=en")).contains("<html lang=\"en\"", "Book a visit");
    }

    @Test
    void anotherPatientsVisitCannotBeCancelledOrSeen() throws Exception {
        Patient owner = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email("owner." + UUID.randomUUID() + "@example.test"));
        Slot open = openSlots().get(0);
        Appointment theirs = context.getBean(Appointments.class).book(admin, new org.carerelay.practice
                .AppointmentDetails(owner.id().value(), provider.id().value(), clinic.id().value(),
                followUp.id().value(), open.start().atOffset(java.time.ZoneOffset.UTC), null, null));
        String email = "other." + UUID.randomUUID() + "@example.test";
        TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL, TestPatients.email(email));
        WebClient other = WebClient.signedInPatient(mvc, context, slug(), email);

        assertThat(other.post("/portal/appointments/" + theirs.id().value() + "/cancel").getResponse().getStatus())
                .isEqualTo(404);
        assertThat(other.get("/portal/appointments/" + theirs.id().value() + "/reschedule").getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(visitsOf(owner).get(0).status()).isEqualTo(AppointmentStatus.BOOKED);
    }

    private List<Slot> openSlots() {
        Instant now = Instant.now();
        return context.getBean(Availability.class).search(practice.id(), new Availability.Query(followUp.id(),
                clinic.id(), null, now.plusSeconds(2 * 86_400), now.plusSeconds(9 * 86_400)));
    }

    private List<Appointment> visitsOf(Patient patient) {
        return context.getBean(Appointments.class).list(admin, new AppointmentFilter(null, null,
                patient.id().value(), null, null, null), new PageRequest(0, 10)).items();
    }

    private String slug() {
        return context.getBean(Practices.class).get(practice.id()).slug();
    }

    private static String page(WebClient browser, String path) throws Exception {
        MvcResult result = browser.get(path);
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }
}
