package org.carerelay.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalTime;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.SchemaOwner;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SettingsIntegrationTests {

    @Autowired
    Settings settings;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MockMvc mvc;

    TestPractice practice;

    @BeforeEach
    void registerPractice() {
        practice = TestPractices.register(context);
    }

    @Test
    void usesTheFallbackWhenThePracticeHasNoRow(CapturedOutput output) {
        double before = fallbacks("sms.origination-number", "missing");

        assertThat(settings.get(practice.id(), Setting.SMS_ORIGINATION_NUMBER)).isEqualTo("+15555550100");

        assertThat(fallbacks("sms.origination-number", "missing")).isEqualTo(before + 1);
        assertThat(output).contains("Setting sms.origination-number for practice " + practice.id()
                + " uses its fallback: stored value missing");
    }

    @Test
    void findsThePracticeStoringAnAddressWhateverItsCase() {
        String address = "Front.Desk-" + UUID.randomUUID() + "@Clinic.Example.test";
        store("email.sender-address", address);

        assertThat(settings.practicesStoring(Setting.EMAIL_SENDER_ADDRESS, address.toLowerCase()))
                .containsExactly(practice.id());
    }

    @Test
    void aNumberStoredThroughTheApiIsFoundAtOnceThoughItsAbsenceWasJustKept() throws Exception {
        String number = "+1773" + (2_000_000 + Math.floorMod(UUID.randomUUID().hashCode(), 8_000_000));
        assertThat(settings.practicesStoring(Setting.SMS_ORIGINATION_NUMBER, number)).isEmpty();

        mvc.perform(put("/api/v1/settings/sms.origination-number").header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"" + number + "\"}"))
                .andExpect(status().isOk());

        assertThat(settings.practicesStoring(Setting.SMS_ORIGINATION_NUMBER, number)).containsExactly(practice.id());
    }

    @Test
    void usesTheStoredValueWhenItIsValid() {
        store("quiet-hours.start", "20:30");
        assertThat(settings.get(practice.id(), Setting.QUIET_HOURS_START)).isEqualTo(LocalTime.of(20, 30));
    }

    @Test
    void usesTheFallbackWhenTheStoredValueIsInvalid(CapturedOutput output) {
        store("sms.origination-number", "call me maybe");
        double before = fallbacks("sms.origination-number", "invalid");

        assertThat(settings.get(practice.id(), Setting.SMS_ORIGINATION_NUMBER)).isEqualTo("+15555550100");

        assertThat(fallbacks("sms.origination-number", "invalid")).isEqualTo(before + 1);
        assertThat(output).contains("uses its fallback: stored value invalid").doesNotContain("call me maybe");
    }

    @Test
    void usesTheFallbackWhenTheDatabaseRefusesTheRead(CapturedOutput output) {
        store("email.sender-name", "Lakeside Clinic");
        JdbcClient owner = SchemaOwner.jdbc(context);
        double before = fallbacks("email.sender-name", "unreadable");
        owner.sql("REVOKE SELECT ON setting FROM carerelay_app").update();
        try {
            // Inside a caller's transaction: the refused read must not poison it.
            String name = transactions.execute(status -> {
                String value = settings.get(practice.id(), Setting.EMAIL_SENDER_NAME);
                assertThat(jdbc.sql("SELECT count(*) FROM practice").query(Long.class).single()).isPositive();
                return value;
            });
            assertThat(name).isEqualTo("CareRelay");
        } finally {
            owner.sql("GRANT SELECT ON setting TO carerelay_app").update();
        }
        assertThat(fallbacks("email.sender-name", "unreadable")).isEqualTo(before + 1);
        assertThat(output).contains("uses its fallback: stored value unreadable");
        assertThat(settings.get(practice.id(), Setting.EMAIL_SENDER_NAME)).isEqualTo("Lakeside Clinic");
    }

    @Test
    void aClinicAdminChangesSettingsThroughTheApiWithValidationAndAudit() throws Exception {
        mvc.perform(put("/api/v1/settings/sms.origination-number").header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"555\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("value"))
                .andExpect(jsonPath("$.detail").value("value: must be an E.164 phone number"));
        mvc.perform(put("/api/v1/settings/sms.origination-number").header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"+13125550100\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value("+13125550100"))
                .andExpect(jsonPath("$.source").value("database"));
        mvc.perform(put("/api/v1/settings/email.sender-name").header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"Clinic\\r\\nBcc: x@example.test\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/v1/settings/webhook.twilio.auth-token").header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"0123456789abcdef0123456789abcdef\"}"))
                .andExpect(jsonPath("$.value").value("********"));
        mvc.perform(get("/api/v1/settings/no.such-setting").header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/settings/sms.origination-number").header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("fallback"))
                .andExpect(jsonPath("$.fallbackReason").value("missing"));

        AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE practice_id = :p AND target_type = 'setting' "
                        + "ORDER BY chain_seq").param("p", practice.id().value()).query(String.class).list())
                .containsExactly("setting.changed", "setting.changed", "setting.reset");
    }

    private void store(String key, String value) {
        jdbc.sql("INSERT INTO setting (practice_id, key, value, updated_at, updated_by_type, updated_by_id) "
                        + "VALUES (:p, :key, :value, now(), 'SYSTEM', 'test')")
                .param("p", practice.id().value()).param("key", key).param("value", value).update();
    }

    private double fallbacks(String key, String reason) {
        var counter = meters.find("carerelay.settings.fallback").tag("key", key).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
