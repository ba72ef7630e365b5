package org.carerelay.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.IntegrationTest;
import org.carerelay.SealedDeliveries;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.WebClient;
import org.carerelay.practice.Address;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeDetails;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Practices;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A visit's time as its patient reads it, with the clinic, the patient and the reader each in a different zone: a
 * New York clinic (Riverside Upper West Side), a patient in Chicago. An in-person visit at 10:20 in New York is
 * "10:20 AM ET" in every message and on every page, never "9:20"; a video visit is on the patient's clock, named.
 */
@IntegrationTest
class VisitTimesIntegrationTests {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Pattern LINK = Pattern.compile("(?m)^([^:\\n]+): https?://[^\\s]+/r/([A-Za-z0-9_-]+)");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    ReminderSender reminders;

    TestPractice practice;
    Location upperWestSide;
    Provider provider;
    AppointmentType inPerson;
    AppointmentType video;

    @BeforeEach
    void aNewYorkClinicOpenNineToFive() {
        practice = TestPractices.register(context);
        Caller admin = new Caller(practice.id(), Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        upperWestSide = context.getBean(Locations.class).create(admin, new LocationDetails(
                "Riverside Upper West Side", new Address("2 W 72nd St", null, "New York", "NY", "10023", "US"),
                "+12125550100", "America/New_York", List.of()));
        provider = context.getBean(Providers.class).create(admin, new ProviderDetails("Naomi", "Fischer", "MD",
                "1234567893", List.of(upperWestSide.id().value())));
        inPerson = context.getBean(AppointmentTypes.class).create(admin, new AppointmentTypeDetails("Follow-up", 20,
                Modality.IN_PERSON, 0, List.of()));
        video = context.getBean(AppointmentTypes.class).create(admin, new AppointmentTypeDetails("Video check-in", 20,
                Modality.VIDEO, 0, List.of()));
        context.getBean(ProviderSchedules.class).replaceTemplate(admin, provider.id(),
                Arrays.stream(DayOfWeek.values()).map(day -> new WorkingHours(upperWestSide.id().value(), day,
                        LocalTime.of(9, 0), LocalTime.of(17, 0), null, null)).toList());
    }

    @Test
    void anInPersonVisitIsToldOnTheClinicsClockInEveryMessageAndOnItsLinkPage() throws Exception {
        Patient byEmail = patient(PreferredChannel.EMAIL);
        Patient byText = patient(PreferredChannel.SMS);
        UUID emailed = book(byEmail, inPerson, inDays(5, "10:20"));
        UUID texted = book(byText, inPerson, inDays(6, "10:20"));

        assertThat(last(byEmail, "EMAIL")).contains("10:20 AM ET at Riverside Upper West Side").doesNotContain("9:20");
        assertThat(last(byText, "SMS")).contains("10:20 AM ET at Riverside Upper West Side").doesNotContain("9:20");

        reminders.send(new ReminderTimer(practice.id().value(), emailed, ReminderKind.TWO_DAYS, start(emailed)));
        String reminder = last(byEmail, "EMAIL");
        assertThat(reminder).contains("10:20 AM ET").doesNotContain("9:20");
        reminders.send(new ReminderTimer(practice.id().value(), texted, ReminderKind.SHORT, start(texted)));
        assertThat(last(byText, "SMS")).contains("10:20 AM ET").doesNotContain("9:20");

        Matcher link = LINK.matcher(reminder);
        assertThat(link.find()).isTrue();
        String page = mvc.perform(get("/r/" + link.group(2))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("at 10:20 AM ET").doesNotContain("9:20 AM");
    }

    @Test
    void aVideoVisitIsToldOnThePatientsClockAndNamesIt() throws Exception {
        Patient patient = patient(PreferredChannel.EMAIL);
        book(patient, video, inDays(5, "10:20"));

        assertThat(last(patient, "EMAIL")).contains("9:20 AM CT").doesNotContain("10:20");
    }

    @Test
    void thePortalShowsAnInPersonVisitOnTheClinicsClockAndAVideoVisitOnThePatientsNamingEach() throws Exception {
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));
        book(patient, inPerson, inDays(5, "10:20"));
        book(patient, video, inDays(6, "11:40"));
        WebClient browser = WebClient.signedInPatient(mvc, context,
                context.getBean(Practices.class).get(practice.id()).slug(), email);

        for (String path : List.of("/portal/appointments", "/portal")) {
            String page = browser.get(path).getResponse().getContentAsString();
            assertThat(page).as(path).contains("at 10:20 AM ET", "at 10:40 AM CT")
                    .doesNotContain("9:20 AM", "11:40 AM");
        }
    }

    @Test
    void thePortalOffersAnInPersonVisitsTimesOnTheClinicsClockAndAVideoVisitsOnThePatientsSayingSo() throws Exception {
        String email = "ana." + UUID.randomUUID() + "@example.test";
        TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL, TestPatients.email(email));
        WebClient browser = WebClient.signedInPatient(mvc, context,
                context.getBean(Practices.class).get(practice.id()).slug(), email);

        String clinic = browser.get("/portal/book?type=" + inPerson.id().value() + "&location="
                + upperWestSide.id().value()).getResponse().getContentAsString();
        assertThat(clinic).contains("Times are in the clinic").containsPattern("\\d:\\d\\d [AP]M ET")
                .doesNotContainPattern("[AP]M CT");
        String byVideo = browser.get("/portal/book?type=" + video.id().value() + "&location="
                + upperWestSide.id().value()).getResponse().getContentAsString();
        assertThat(byVideo).contains("Times are in your time zone").containsPattern("\\d:\\d\\d [AP]M CT")
                .doesNotContainPattern("[AP]M ET");
    }

    private Patient patient(PreferredChannel channel) {
        String phone = "+1312555" + String.format("%04d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000));
        return TestPatients.register(context, practice.id(), "en", channel,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)),
                TestPatients.email("patient-" + UUID.randomUUID() + "@example.test"));
    }

    private UUID book(Patient patient, AppointmentType type, Instant start) throws Exception {
        String body = mvc.perform(post("/api/v1/appointments")
                        .header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"patientId": "%s", "appointmentTypeId": "%s", "providerId": "%s",
                                 "locationId": "%s", "start": "%s"}""".formatted(patient.id().value(),
                                type.id().value(), provider.id().value(), upperWestSide.id().value(), start)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return UUID.fromString(JsonPath.read(body, "$.id"));
    }

    private Instant start(UUID appointment) {
        return context.getBean(Appointments.class).find(practice.id(), new AppointmentId(appointment)).start();
    }

    /** The text of the newest delivery to the patient on {@code channel}. */
    private String last(Patient patient, String channel) {
        return SealedDeliveries.open(context, "body_text", "SELECT d.id, d.body_text FROM delivery d "
                        + "JOIN message m ON m.id = d.message_id WHERE m.practice_id = :p AND m.patient_id = :patient "
                        + "AND d.channel = :channel ORDER BY m.created_at DESC",
                Map.of("p", practice.id().value(), "patient", patient.id().value(), "channel", channel)).get(0);
    }

    private static Instant inDays(int days, String localTime) {
        return LocalDate.now(NEW_YORK).plusDays(days).atTime(LocalTime.parse(localTime)).atZone(NEW_YORK).toInstant();
    }
}
