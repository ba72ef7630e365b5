package org.carerelay.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.practice.Address;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeDetails;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Templates set through the API, slots searched, and booking that never double-books, even all at once. */
@IntegrationTest
class SchedulingIntegrationTests {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    Booking booking;

    TestPractice practice;
    Caller admin;
    Location clinic;
    Provider provider;
    AppointmentType followUp;
    LocalDate nextMonday;

    @BeforeEach
    void aProviderWorkingMondayMornings() throws Exception {
        practice = TestPractices.register(context);
        admin = new Caller(practice.id(), Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        clinic = context.getBean(Locations.class).create(admin, new LocationDetails("Clinic",
                new Address("1 Main St", null, "Chicago", "IL", "60606", "US"), null, "America/Chicago", List.of()));
        provider = context.getBean(Providers.class).create(admin, new ProviderDetails("Naomi", "Fischer", "MD",
                "1234567893", List.of(clinic.id().value())));
        followUp = context.getBean(AppointmentTypes.class).create(admin, new AppointmentTypeDetails("Follow-up", 20,
                Modality.IN_PERSON, 10, List.of(provider.id().value())));
        nextMonday = LocalDate.now(CHICAGO).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        mvc.perform(put("/api/v1/providers/{id}/schedule", provider.id().value())
                        .header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"hours": [{"locationId": "%s", "day": "MONDAY", "start": "09:00", "end": "10:00"}]}"""
                                .formatted(clinic.id().value())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hours[0].day").value("monday"));
    }

    @Test
    void theMorningIsOfferedInVisitsAndBuffersAndABookedSlotIsNoLongerOffered() throws Exception {
        mvc.perform(availability(nextMonday, nextMonday))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].start").value(at(nextMonday, "09:00").toInstant().toString()))
                .andExpect(jsonPath("$.items[0].end").value(at(nextMonday, "09:20").toInstant().toString()))
                .andExpect(jsonPath("$.items[0].providerId").value(provider.id().value().toString()))
                .andExpect(jsonPath("$.items[1].start").value(at(nextMonday, "09:30").toInstant().toString()));

        mvc.perform(book(patient(), at(nextMonday, "09:00")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("booked"));

        mvc.perform(availability(nextMonday, nextMonday))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].start").value(at(nextMonday, "09:30").toInstant().toString()));
    }

    @Test
    void aTakenSlotIsA409WithTheNearestOpenSlots() throws Exception {
        mvc.perform(book(patient(), at(nextMonday, "09:00"))).andExpect(status().isCreated());

        mvc.perform(book(patient(), at(nextMonday, "09:10")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://carerelay.org/problems/slot-unavailable"))
                // The Monday before may be open too, depending on today's date, so only membership is checked.
                .andExpect(jsonPath("$.alternatives[*].start").value(Matchers.hasItems(
                        at(nextMonday, "09:30").toInstant().toString(),
                        at(nextMonday.plusWeeks(1), "09:00").toInstant().toString())))
                .andExpect(jsonPath("$.alternatives[*].start").value(Matchers.not(Matchers.hasItem(
                        at(nextMonday, "09:00").toInstant().toString()))));
    }

    @Test
    void fiftyPeopleTryingForOneSlotAtOnceGiveExactlyOneBooking() throws Exception {
        List<Patient> patients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            patients.add(patient());
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch ready = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (Patient patient : patients) {
            attempts.add(pool.submit(() -> {
                ready.await();
                try {
                    booking.book(admin, details(patient, at(nextMonday, "09:00")));
                    return true;
                } catch (SlotUnavailableException e) {
                    return false;
                }
            }));
        }
        ready.countDown();
        int booked = 0;
        for (Future<Boolean> attempt : attempts) {
            booked += attempt.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(booked).isEqualTo(1);
    }

    @Test
    void badSearchesAreClearErrors() throws Exception {
        mvc.perform(availability(nextMonday, nextMonday.minusDays(1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(availability(nextMonday, nextMonday.plusDays(40)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/availability").param("appointmentType", followUp.id().value().toString())
                        .param("from", "next monday").header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/v1/availability").param("appointmentType", UUID.randomUUID().toString())
                        .header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isNotFound());
        // A missing parameter is the framework's own problem: it answered without a problem document once.
        mvc.perform(get("/api/v1/availability").header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://carerelay.org/problems/http-400"));
        mvc.perform(put("/api/v1/providers/{id}/schedule", provider.id().value())
                        .header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"hours": [{"locationId": "%s", "day": "MONDAY", "start": "10:00", "end": "09:00"}]}"""
                                .formatted(clinic.id().value())))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/v1/providers/{id}/schedule", provider.id().value())
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.FRONT_DESK))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hours\": []}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void timeOffAndADayOffEmptyTheDay() throws Exception {
        mvc.perform(post("/api/v1/providers/{id}/time-off", provider.id().value())
                        .header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"start": "%s", "end": "%s", "reason": "Conference"}"""
                                .formatted(at(nextMonday, "09:15").toOffsetDateTime(),
                                        at(nextMonday, "12:00").toOffsetDateTime())))
                .andExpect(status().isCreated());
        mvc.perform(availability(nextMonday, nextMonday))
                .andExpect(jsonPath("$.items.length()").value(0));

        String dayOff = mvc.perform(post("/api/v1/providers/{id}/schedule-exceptions", provider.id().value())
                        .header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"locationId": "%s", "date": "%s"}""".formatted(clinic.id().value(),
                                nextMonday.plusWeeks(1))))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        mvc.perform(availability(nextMonday.plusWeeks(1), nextMonday.plusWeeks(1)))
                .andExpect(jsonPath("$.items.length()").value(0));

        // Removing the day off gives the day back; removing it twice is a 404.
        String exception = "/api/v1/providers/{id}/schedule-exceptions/" + JsonPath.read(dayOff, "$.id");
        mvc.perform(delete(exception, provider.id().value()).header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isNoContent());
        mvc.perform(availability(nextMonday.plusWeeks(1), nextMonday.plusWeeks(1)))
                .andExpect(jsonPath("$.items.length()").value(2));
        mvc.perform(delete(exception, provider.id().value()).header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isNotFound());
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder availability(LocalDate from,
            LocalDate to) {
        return get("/api/v1/availability")
                .param("appointmentType", followUp.id().value().toString())
                .param("location", clinic.id().value().toString())
                .param("from", from.toString())
                .param("to", to.toString())
                .header(HttpHeaders.AUTHORIZATION, practice.admin());
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder book(Patient patient,
            ZonedDateTime start) {
        return post("/api/v1/appointments")
                .header(HttpHeaders.AUTHORIZATION, practice.admin())
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"patientId": "%s", "appointmentTypeId": "%s", "providerId": "%s", "locationId": "%s",
                         "start": "%s"}""".formatted(patient.id().value(), followUp.id().value(),
                        provider.id().value(), clinic.id().value(), start.toOffsetDateTime()));
    }

    private AppointmentDetails details(Patient patient, ZonedDateTime start) {
        return new AppointmentDetails(patient.id().value(), provider.id().value(), clinic.id().value(),
                followUp.id().value(), start.toOffsetDateTime(), null, null);
    }

    private Patient patient() {
        return TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL);
    }

    private static ZonedDateTime at(LocalDate date, String time) {
        return ZonedDateTime.of(date, LocalTime.parse(time), CHICAGO);
    }
}
