package org.carerelay.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.carerelay.IntegrationTest;
import org.carerelay.SealedDeliveries;
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
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.scheduling.Availability;
import org.carerelay.scheduling.ProviderSchedules;
import org.carerelay.scheduling.Slot;
import org.carerelay.scheduling.WorkingHours;
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

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

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
    void aPatientBooksAnOpenTimeAfterReviewingItSeesItAndCancelsIt() throws Exception {
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));
        WebClient browser = WebClient.signedInPatient(mvc, context, slug(), email);

        assertThat(page(browser, "/portal/book")).contains("What kind of visit?", "Follow-up", "Riverside Clinic");
        String times = page(browser, "/portal/book?type=" + followUp.id().value() + "&location="
                + clinic.id().value());
        Slot open = openSlots().get(3);
        String review = "/portal/book/review?type=" + followUp.id().value() + "&location=" + clinic.id().value()
                + "&provider=" + provider.id().value() + "&start=" + open.start();
        assertThat(times).contains(review.replace("&", "&amp;"), "Naomi Fischer, MD", local(open, "h:mm a") + " CT",
                "Any provider");

        // One tap books nothing: it shows what, with whom, when (in the clinic's zone) and where.
        assertThat(page(browser, review)).contains("Follow-up with Naomi Fischer, MD, "
                + local(open, "EEE MMM d, h:mm a") + " CT, Riverside Clinic", ">Confirm<")
                .doesNotContain("cutoff-warning");
        assertThat(visitsOf(patient)).isEmpty();

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
        assertThat(lastEmailTo(patient)).contains("Can't come? Cancel: http", "Reschedule: http");

        browser.post("/portal/appointments/" + visit.id().value() + "/cancel");
        assertThat(page(browser, "/portal/appointments")).contains("Your appointment is cancelled");
        assertThat(visitsOf(patient).get(0).status()).isEqualTo(AppointmentStatus.CANCELLED);
    }

    @Test
    void thePatientChoosesWithWhomOrAnyProvider() throws Exception {
        Provider lee = anotherProviderOneMorning();
        String email = "ana." + UUID.randomUUID() + "@example.test";
        TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL, TestPatients.email(email));
        WebClient browser = WebClient.signedInPatient(mvc, context, slug(), email);
        String times = "/portal/book?type=" + followUp.id().value() + "&location=" + clinic.id().value();

        assertThat(page(browser, times)).contains("Naomi Fischer, MD", "Sam Lee, NP", "9:00 AM CT", "2:00 PM CT");
        assertThat(page(browser, times + "&provider=" + lee.id().value())).contains("9:00 AM CT")
                .doesNotContain("2:00 PM CT");
        assertThat(page(browser, times + "&provider=" + provider.id().value())).contains("2:00 PM CT")
                .doesNotContain("9:00 AM CT");
    }

    @Test
    void aTimePastTheChangeCutOffIsBookedOnlyAfterAWarningAndItsConfirmationOffersNoLinksThatCannotWork()
            throws Exception {
        TestPractices.store(context, practice.id(), "scheduling.patient-change-cutoff-hours", "336");
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));
        WebClient browser = WebClient.signedInPatient(mvc, context, slug(), email);
        Slot open = openSlots().get(0);

        assertThat(page(browser, "/portal/book/review?type=" + followUp.id().value() + "&location="
                + clinic.id().value() + "&provider=" + provider.id().value() + "&start=" + open.start()))
                .contains("cutoff-warning", "less than 336 hours away", "you cannot cancel or move it online");
        browser.post("/portal/book", "type", followUp.id().value().toString(), "location",
                clinic.id().value().toString(), "provider", provider.id().value().toString(), "start",
                open.start().toString());

        assertThat(visitsOf(patient)).hasSize(1);
        assertThat(lastEmailTo(patient)).contains("is booked for").doesNotContain("Cancel", "Reschedule");
    }

    @Test
    void aPatientMovesTheirVisitToAnotherTimeOfTheSameProviderUnlessTheyChooseAnother() throws Exception {
        anotherProviderOneMorning();
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));
        List<Slot> open = openSlots().stream().filter(slot -> slot.providerId().equals(provider.id().value()))
                .toList();
        WebClient browser = WebClient.signedInPatient(mvc, context, slug(), email);
        browser.post("/portal/book", "type", followUp.id().value().toString(), "location",
                clinic.id().value().toString(), "provider", provider.id().value().toString(), "start",
                open.get(20).start().toString());
        Appointment visit = visitsOf(patient).get(0);
        String path = "/portal/appointments/" + visit.id().value() + "/reschedule";

        assertThat(page(browser, path)).contains("Choose a new time", "with Naomi Fischer, MD",
                        (path + "/review?provider=" + provider.id().value() + "&start=" + open.get(21).start())
                                .replace("&", "&amp;"))
                .doesNotContain("9:00 AM CT");
        assertThat(page(browser, path + "?provider=any")).contains("9:00 AM CT", "Sam Lee, NP");
        assertThat(page(browser, path + "/review?provider=" + provider.id().value() + "&start="
                + open.get(21).start())).contains("Follow-up with Naomi Fischer, MD, "
                + local(open.get(21), "EEE MMM d, h:mm a") + " CT, Riverside Clinic");
        assertThat(visitsOf(patient).get(0).start()).isEqualTo(open.get(20).start());

        MvcResult moved = browser.post(path, "start", open.get(21).start().toString(), "provider",
                provider.id().value().toString());

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

    /** Sam Lee, NP, at the clinic one morning a week (9:00-10:00), four days from now. */
    private Provider anotherProviderOneMorning() {
        Provider lee = context.getBean(Providers.class).create(admin, new ProviderDetails("Sam", "Lee", "NP",
                "1245319599", List.of(clinic.id().value())));
        context.getBean(ProviderSchedules.class).replaceTemplate(admin, lee.id(), List.of(new WorkingHours(
                clinic.id().value(), LocalDate.now(CHICAGO).plusDays(4).getDayOfWeek(), LocalTime.of(9, 0),
                LocalTime.of(10, 0), null, null)));
        return lee;
    }

    private static String local(Slot slot, String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(slot.start().atZone(CHICAGO));
    }

    private String lastEmailTo(Patient patient) {
        return SealedDeliveries.open(context, "body_text", "SELECT d.id, d.body_text FROM delivery d "
                        + "JOIN message m ON m.id = d.message_id WHERE m.practice_id = :p AND m.patient_id = :patient "
                        + "AND d.channel = 'EMAIL' ORDER BY m.created_at DESC",
                Map.of("p", practice.id().value(), "patient", patient.id().value())).get(0);
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
