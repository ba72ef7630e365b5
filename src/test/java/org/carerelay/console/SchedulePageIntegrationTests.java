package org.carerelay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.servlet.http.Cookie;
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

/** The front desk's day: visits with their state, check-in and no-shows, booking for a patient, no-show rates. */
@IntegrationTest
class SchedulePageIntegrationTests {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

    PracticeId practice;
    ConsoleSession console;
    Caller admin;
    Location clinic;
    Provider provider;
    AppointmentType followUp;
    Patient ana;

    @BeforeEach
    void aClinicWithAProviderEveryAfternoon() {
        practice = TestPractices.register(context).id();
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
        LocalDate tomorrow = LocalDate.now(CHICAGO).plusDays(1);
        Appointment first = book(at(tomorrow, "13:00"));
        Appointment second = book(at(tomorrow, "13:30"));
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);

        String day = page(desk, "/console/schedule?location=" + clinic.id().value() + "&date=" + tomorrow);
        assertThat(day).contains("Riverside Clinic", "Ana Lopez", "1:00 PM", "1:30 PM", "Check in", "No-show",
                "/static/js/schedule-live.js", "No-show rate, last 8 weeks");

        MockHttpServletResponse checkedIn = console.post("/console/schedule/" + first.id().value() + "/status", desk,
                "status", "CHECKED_IN");
        assertThat(checkedIn.getRedirectedUrl()).isEqualTo("/console/schedule?date=" + tomorrow + "&location="
                + clinic.id().value());
        console.post("/console/schedule/" + second.id().value() + "/status", desk, "status", "NO_SHOW");
        assertThat(status(first)).isEqualTo(AppointmentStatus.CHECKED_IN);
        assertThat(status(second)).isEqualTo(AppointmentStatus.NO_SHOW);

        // A final state cannot change again: said on the page, nothing changes.
        console.post("/console/schedule/" + second.id().value() + "/status", desk, "status", "CHECKED_IN");
        assertThat(status(second)).isEqualTo(AppointmentStatus.NO_SHOW);
        assertThat(console.get("/console/schedule/day?location=" + clinic.id().value() + "&date=" + tomorrow, desk)
                .getContentAsString()).contains("Checked in", "No show").doesNotContain("<html");
    }

    @Test
    void theDeskBooksForAPatientFoundByName() throws Exception {
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);
        MockHttpServletResponse search = console.post("/console/schedule/book/search", desk, "location",
                clinic.id().value().toString(), "query", "lopez");
        assertThat(search.getStatus()).isEqualTo(200);
        assertThat(search.getContentAsString()).contains("Ana Lopez", "Choose");
        String times = page(desk, "/console/schedule/book?location=" + clinic.id().value() + "&patient="
                + ana.id().value() + "&type=" + followUp.id().value());
        Instant start = at(LocalDate.now(CHICAGO).plusDays(2), "14:00");
        assertThat(times).contains("value=\"" + start + "\"");

        MockHttpServletResponse booked = console.post("/console/schedule/book", desk, "patient",
                ana.id().value().toString(), "type", followUp.id().value().toString(), "location",
                clinic.id().value().toString(), "provider", provider.id().value().toString(), "start",
                start.toString());

        assertThat(booked.getRedirectedUrl()).startsWith("/console/schedule?date=");
        assertThat(context.getBean(Appointments.class).list(admin, new AppointmentFilter(null, null,
                ana.id().value(), null, null, null), new PageRequest(0, 5)).items())
                .extracting(Appointment::start).containsExactly(start);
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
