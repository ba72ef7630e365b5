package org.carerelay.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.carerelay.audit.AuditLog;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/demo-${random.uuid}",
        "carerelay.data-directory=target/test-data/demo",
        "carerelay.demo.enabled=true",
        "carerelay.demo.admin-token=" + DemoPracticeIntegrationTests.TOKEN})
@AutoConfigureMockMvc
class DemoPracticeIntegrationTests {

    static final String TOKEN = "demo-admin-token-for-tests";
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** The demo starts at 19:30 in New York on the last weekday before today: an evening, when the office is closed. */
    static final ZonedDateTime EVENING = evening();

    private static ZonedDateTime evening() {
        LocalDate day = LocalDate.now(NEW_YORK).minusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        return ZonedDateTime.of(day, LocalTime.of(19, 30), NEW_YORK);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class AnEvening {

        /** The application's clock, set to {@link #EVENING} when the context starts (and running on from there). */
        @Bean
        @Primary
        Clock eveningClock() {
            return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), EVENING.toInstant()));
        }
    }

    @Autowired
    Practices practices;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    AuditLog auditLog;
    @Autowired
    Clock clock;

    @Test
    void seedsASyntheticPracticeWithEnoughToLookAt() {
        Practice practice = practices.first().orElseThrow();
        var id = practice.id().value();

        assertThat(list("SELECT DISTINCT time_zone FROM location WHERE practice_id = :p", id))
                .containsExactlyInAnyOrder("America/New_York", "America/Chicago");
        assertThat(count("SELECT count(*) FROM provider WHERE practice_id = :p", id)).isEqualTo(4);
        assertThat(list("SELECT role FROM staff_user WHERE practice_id = :p", id)).containsExactlyInAnyOrder(
                "SUPER_ADMIN", "CLINIC_ADMIN", "DOCTOR", "CLINICAL_STAFF", "FRONT_DESK", "BILLING", "READ_ONLY");
        assertThat(count("SELECT count(*) FROM patient WHERE practice_id = :p", id)).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM patient WHERE practice_id = :p AND preferred_language = 'es'", id))
                .isBetween(20L, 28L);
        assertThat(count("SELECT count(*) FROM (SELECT value FROM contact_point WHERE practice_id = :p "
                + "AND system = 'PHONE' GROUP BY value HAVING count(*) > 1) shared", id))
                .as("family phones").isPositive();
        assertThat(count("SELECT count(*) FROM contact_point WHERE practice_id = :p AND system = 'PHONE' "
                + "AND value !~ '^\\+1\\d{3}55501\\d{2}$'", id)).as("only fictional 555-01xx numbers").isZero();
        assertThat(count("SELECT count(*) FROM contact_point WHERE practice_id = :p AND system = 'EMAIL' "
                + "AND value NOT LIKE '%@example.test'", id)).isZero();
        assertThat(list("SELECT DISTINCT modality FROM appointment_type WHERE practice_id = :p", id))
                .containsExactlyInAnyOrder("IN_PERSON", "VIDEO");

        long appointments = count("SELECT count(*) FROM appointment WHERE practice_id = :p", id);
        assertThat(appointments).isBetween(360L, 440L);
        Instant now = Instant.now();
        assertThat(jdbc.sql("SELECT count(*) FROM appointment WHERE practice_id = :p AND starts_at BETWEEN "
                        + "CAST(:now AS timestamptz) - interval '15 days' AND CAST(:now AS timestamptz) + interval '15 days'")
                .param("p", id).param("now", java.sql.Timestamp.from(clock.instant())).query(Long.class).single())
                .isEqualTo(appointments);
        assertThat(count("SELECT count(*) FROM appointment WHERE practice_id = :p AND starts_at < now()", id))
                .isPositive();
        assertThat(count("SELECT count(*) FROM appointment WHERE practice_id = :p AND starts_at > now()", id))
                .isPositive();
        assertThat(Duration.between(now, Instant.now())).isLessThan(Duration.ofMinutes(1));

        // A morning's texts, filed into the inbox: one from an unknown number, one urgent (paging on call).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM conversation WHERE practice_id = :p", id) == 5);
        assertThat(count("SELECT count(*) FROM conversation WHERE practice_id = :p AND patient_id IS NULL", id))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM conversation WHERE practice_id = :p AND urgent", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM escalation WHERE practice_id = :p", id)).isEqualTo(1);

        // Seeded in the evening, the texts still came in that morning, while the office was open: no after-hours answer.
        List<Instant> received = jdbc.sql("SELECT received_at FROM inbound_message WHERE practice_id = :p "
                        + "ORDER BY received_at").param("p", id)
                .query((rs, n) -> rs.getTimestamp("received_at").toInstant()).list();
        assertThat(received).hasSize(5).allSatisfy(at -> assertThat(at.atZone(NEW_YORK))
                .isBetween(EVENING.with(LocalTime.of(9, 0)), EVENING.with(LocalTime.of(10, 30))));
        assertThat(count("SELECT count(*) FROM message WHERE practice_id = :p AND template_key = 'inbox-after-hours'",
                id)).isZero();
        assertThat(count("SELECT count(*) FROM conversation WHERE practice_id = :p AND after_hours_reply_at IS NULL",
                id)).isEqualTo(5);
        // Our only answer is the urgent text's what-to-do-now (911, the on-call number), sent at any hour.
        assertThat(count("SELECT count(*) FROM inbox_message WHERE practice_id = :p AND direction = 'OUTBOUND'", id))
                .isOne();
        assertThat(count("SELECT count(*) FROM message WHERE practice_id = :p AND template_key = 'inbox-safety'", id))
                .isOne();

        assertThat(auditLog.verify(practice.id()).ok()).isTrue();
    }

    @Test
    void theDemoAdminTokenActsAsTheClinicAdmin() throws Exception {
        mvc.perform(get("/api/v1/patients?size=1").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(200));
        mvc.perform(get("/api/v1/audit/verify").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true));
    }

    private long count(String sql, Object practice) {
        return jdbc.sql(sql).param("p", practice).query(Long.class).single();
    }

    private List<String> list(String sql, Object practice) {
        return jdbc.sql(sql).param("p", practice).query(String.class).list();
    }
}
