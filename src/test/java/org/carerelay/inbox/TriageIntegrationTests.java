package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.inbox.Category;
import org.carerelay.inbox.triage.Triage;
import org.carerelay.inbox.triage.TriageChannel;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@IntegrationTest
class TriageIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Triage triage;

    TestPractice practice;

    @BeforeEach
    void registerPractice() {
        practice = TestPractices.register(context);
    }

    @Test
    void classifiesATextWithLowerCaseCategoryFlagsConfidenceAndReasons() throws Exception {
        classify(practice.bearer(StaffRole.FRONT_DESK), """
                {"text": "Can I move my appointment on Tuesday to Friday?", "channel": "sms"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.category").value("appointment"))
                .andExpect(jsonPath("$.urgent").value(false))
                .andExpect(jsonPath("$.crisis").value(false))
                .andExpect(jsonPath("$.confidence").value(org.hamcrest.Matchers.both(
                        org.hamcrest.Matchers.greaterThan(0.5)).and(org.hamcrest.Matchers.lessThanOrEqualTo(1.0))))
                .andExpect(jsonPath("$.reasons[0]").value(org.hamcrest.Matchers.startsWith("category appointment")));
    }

    @Test
    void flagsACrisisAsUrgentAndQuotesThePatientsWords() throws Exception {
        classify(practice.bearer(StaffRole.CLINICAL_STAFF), """
                {"text": "Ya no quiero vivir. Me tomé todas mis pastillas", "channel": "voicemail"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.category").value("clinical"))
                .andExpect(jsonPath("$.crisis").value(true))
                .andExpect(jsonPath("$.urgent").value(true))
                .andExpect(jsonPath("$.risk").value("crisis"))
                .andExpect(jsonPath("$.language").value("es"))
                .andExpect(jsonPath("$.reasons[0]").value(
                        "crisis (rules): \"tomé todas mis pastillas\", \"no quiero vivir\""))
                .andExpect(jsonPath("$.signals[0].layer").value("rules"))
                .andExpect(jsonPath("$.signals[0].words").value(org.hamcrest.Matchers.contains(
                        "tomé todas mis pastillas", "no quiero vivir")));
        classify(practice.admin(), """
                {"text": "I'm not suicidal, just need my refill of sertraline"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.category").value("refill"))
                .andExpect(jsonPath("$.crisis").value(false))
                .andExpect(jsonPath("$.urgent").value(false))
                .andExpect(jsonPath("$.language").value("en"));
    }

    @Test
    void refusesBadInputNamingTheField() throws Exception {
        classify(practice.admin(), "{\"channel\": \"sms\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        classify(practice.admin(), "{\"text\": \"   \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        classify(practice.admin(), "{\"text\": \"" + "a".repeat(Triage.MAX_TEXT_LENGTH + 1) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        classify(practice.admin(), "{\"text\": \"refill please\", \"channel\": \"fax\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://carerelay.org/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("channel"));
    }

    @Test
    void needsTheInboxPermission() throws Exception {
        classify(practice.bearer(StaffRole.READ_ONLY), "{\"text\": \"refill please\"}")
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/triage/classify").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"refill please\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void staffCorrectionsRetrainThePracticesModelAndNoOtherPractices() throws Exception {
        String text = "Can you tell Priya at the desk that her cookie recipe was a hit with my kids";
        Category before = triage.classify(practice.id(), text, TriageChannel.SMS).category();
        Category wanted = before == Category.BILLING ? Category.RESULTS : Category.BILLING;

        String id = JsonPath.read(mvc.perform(post("/api/v1/triage/corrections")
                        .header("Authorization", practice.bearer(StaffRole.FRONT_DESK))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"" + text + "\", \"category\": \"" + wanted.name().toLowerCase()
                                + "\"}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        triage.recordCorrection(practice.id(), Actor.system("test"), text, wanted);
        assertThat(triage.classify(practice.id(), text, TriageChannel.SMS).category())
                .as("nothing changes before the retrain").isEqualTo(before);

        mvc.perform(post("/api/v1/triage/retraining").header("Authorization", practice.bearer(StaffRole.FRONT_DESK)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/triage/retraining").header("Authorization", practice.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.generation").value(1));

        assertThat(triage.classify(practice.id(), text, TriageChannel.SMS).category()).isEqualTo(wanted);
        TestPractice other = TestPractices.register(context);
        assertThat(triage.classify(other.id(), text, TriageChannel.SMS).category()).isEqualTo(before);

        AuditTrail.chain(context);
        List<String> payloads = jdbc.sql("""
                SELECT action || ' ' || payload::text FROM audit_event
                WHERE practice_id = :p AND action LIKE 'triage.%' ORDER BY chain_seq""")
                .param("p", practice.id().value()).query(String.class).list();
        assertThat(payloads).containsExactly(
                "triage.correction.recorded {\"category\": \"" + wanted.name() + "\"}",
                "triage.correction.recorded {\"category\": \"" + wanted.name() + "\"}",
                "triage.model.retrained {\"generation\": 1}");
        assertThat(jdbc.sql("SELECT target_id FROM audit_event WHERE practice_id = :p "
                        + "AND action = 'triage.correction.recorded' ORDER BY chain_seq LIMIT 1")
                .param("p", practice.id().value()).query(String.class).single()).isEqualTo(id);
        assertThat(UUID.fromString(id)).isNotNull();
    }

    @Test
    void aMissedCrisisMarkedByStaffTeachesThePracticesRiskModel() throws Exception {
        String text = "code blue lantern seven";
        assertThat(triage.classify(practice.id(), text, TriageChannel.SMS).crisis()).as("missed before").isFalse();

        mvc.perform(post("/api/v1/triage/corrections").header("Authorization", practice.bearer(StaffRole.DOCTOR))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"" + text + "\", \"category\": \"clinical\", \"crisis\": true, "
                                + "\"urgent\": true}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/triage/retraining").header("Authorization", practice.admin()))
                .andExpect(status().isOk());

        assertThat(triage.classify(practice.id(), text, TriageChannel.SMS).crisis()).as("caught after").isTrue();
        TestPractice other = TestPractices.register(context);
        assertThat(triage.classify(other.id(), text, TriageChannel.SMS).crisis()).isFalse();
        AuditTrail.chain(context);
        assertThat(jdbc.sql("""
                SELECT payload = '{"category": "CLINICAL", "crisis": true, "urgent": true}'::jsonb FROM audit_event
                WHERE practice_id = :p AND action = 'triage.correction.recorded'""")
                .param("p", practice.id().value()).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aCorrectionGivesCrisisAndUrgentTogetherAndACrisisIsUrgent() throws Exception {
        for (String flags : List.of("\"crisis\": true", "\"crisis\": true, \"urgent\": false")) {
            mvc.perform(post("/api/v1/triage/corrections").header("Authorization", practice.bearer(StaffRole.DOCTOR))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"text\": \"hello\", \"category\": \"other\", " + flags + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM triage_correction WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Long.class).single()).isZero();
    }

    @Test
    void theNightlyRetrainTakesOnlyPracticesWithNewCorrectionsAndOnlyOnce() {
        triage.recordCorrection(practice.id(), Actor.system("test"), "parking validation for the garage?",
                Category.ADMIN);
        TestPractice untouched = TestPractices.register(context);

        org.springframework.test.util.ReflectionTestUtils.invokeMethod(triage, "retrainPracticesWithNewCorrections");
        org.springframework.test.util.ReflectionTestUtils.invokeMethod(triage, "retrainPracticesWithNewCorrections");

        assertThat(generation(practice)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM triage_model WHERE practice_id = :p")
                .param("p", untouched.id().value()).query(Long.class).single()).isZero();
    }

    @Test
    void correctionsAreRowLevelSecuredLikeOtherPhi() {
        assertThat(jdbc.sql("SELECT relrowsecurity FROM pg_class WHERE relname = 'triage_correction'")
                .query(Boolean.class).single()).isTrue();
    }

    private long generation(TestPractice of) {
        return jdbc.sql("SELECT generation FROM triage_model WHERE practice_id = :p").param("p", of.id().value())
                .query(Long.class).single();
    }

    private ResultActions classify(String bearer, String body) throws Exception {
        return mvc.perform(post("/api/v1/triage/classify").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
