package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.SealedDeliveries;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.Roles;
import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.messaging.inbound.InboundVoicemails;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 14 in the inbox: every filed message keeps its risk tier and language; a possible crisis marks its
 * conversation, which clinicians see first and on call is paged for when nobody who may read it opened it in time
 * (time moved by moving the mark's due time, as the escalation tests move theirs); clinicians judge whether it was a
 * crisis or urgent.
 */
@IntegrationTest
class PossibleCrisisIntegrationTests {

    /** Read by the risk model as a possible crisis (0.24 when written), by no rule as a crisis. */
    static final String POSSIBLE = "Things have been really hard since the funeral";
    private static final String PRACTICE_NUMBER = "+17735550100";
    private static final String ON_CALL = "+13125550177";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    InboundSms inboundSms;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PossibleCrisisPager pager;
    @Autowired
    Escalations escalations;
    @Autowired
    Conversations conversations;
    @Autowired
    Recategorizations recategorizations;

    TestPractice practice;
    String phone;

    @BeforeEach
    void setUp() {
        practice = TestPractices.register(context);
        TestPractices.store(context, practice.id(), "inbox.on-call-phone", ON_CALL);
        phone = phone();
        TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
    }

    @Test
    void filesEachMessageWithItsRiskLanguageAndSealedSignals() throws Exception {
        String other = phone();
        TestPatients.register(context, practice.id(), "es", PreferredChannel.SMS,
                TestPatients.phone(other, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        text(other, "Quiero cambiar mi cita para el viernes por favor");
        text(phone, POSSIBLE);
        UUID conversation = awaitConversationOf(phone);

        assertThat(jdbc.sql("SELECT risk || ' ' || language FROM inbox_message WHERE practice_id = :p "
                        + "ORDER BY created_at").param("p", practice.id().value()).query(String.class).list())
                .containsExactly("NONE es", "POSSIBLE en");
        String sealed = jdbc.sql("SELECT signals FROM inbox_message WHERE conversation_id = :c")
                .param("c", conversation).query(String.class).single();
        assertThat(sealed).as("the signals quote the patient: sealed").doesNotContain("\"things\"");
        assertThat(jdbc.sql("SELECT queue || ' ' || possible_crisis || ' ' || (possible_crisis_since IS NOT NULL) "
                + "FROM conversation WHERE id = :c").param("c", conversation).query(String.class).single())
                .isEqualTo("CLINICAL true true");

        call(get("/api/v1/inbox/conversations/" + conversation), practice.bearer(StaffRole.DOCTOR))
                .andExpect(jsonPath("$.summary.possibleCrisis").value(true))
                .andExpect(jsonPath("$.summary.possibleCrisisSince").exists())
                .andExpect(jsonPath("$.messages[0].risk").value("possible"))
                .andExpect(jsonPath("$.messages[0].language").value("en"))
                .andExpect(jsonPath("$.messages[0].signals[0].flag").value("possible"))
                .andExpect(jsonPath("$.messages[0].signals[0].layer").value("model"))
                .andExpect(jsonPath("$.messages[0].signals[0].words").value(
                        org.hamcrest.Matchers.hasItem("things")));
        call(get("/api/v1/inbox/conversations/" + conversation), practice.bearer(StaffRole.FRONT_DESK))
                .andExpect(jsonPath("$.contentHidden").value(true))
                .andExpect(jsonPath("$.messages[0].text").doesNotExist())
                .andExpect(jsonPath("$.messages[0].signals").doesNotExist());
        AuditTrail.chain(context);
        assertThat(count("SELECT count(*) FROM audit_event WHERE practice_id = :p "
                + "AND action = 'inbox.conversation.possible-crisis-marked'")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE practice_id = :p AND payload::text ILIKE "
                + "'%funeral%'").param("p", practice.id().value()).query(Long.class).single())
                .as("no patient words in the audit log").isZero();
    }

    @Test
    void aVoicemailWhoseTranscriptionReadsAsAPossibleCrisisMarksItsConversation() {
        InboundVoicemails voicemails = context.getBean(InboundVoicemails.class);
        String recording = "RE" + UUID.randomUUID();
        voicemails.recorded(practice.id(), phone, PRACTICE_NUMBER, "twilio", recording,
                "https://api.twilio.example/recordings/" + recording, 30);
        UUID conversation = awaitConversationOf(phone);
        // Whatever triage made of the placeholder text (at this writing the risk model reads it as a crisis), the
        // conversation is a routine one here: the transcription is what decides.
        jdbc.sql("UPDATE conversation SET urgent = false, crisis = false, category = 'ADMIN', queue = 'FRONT_DESK' "
                + "WHERE id = :c").param("c", conversation).update();

        voicemails.transcribed(practice.id(), "twilio", recording, POSSIBLE, true);
        // The transcription may be this JVM's first triage, which trains the shipped models (a minute or more).
        await().atMost(Duration.ofMinutes(3)).until(() -> "POSSIBLE en".equals(jdbc.sql(
                "SELECT risk || ' ' || language FROM inbox_message WHERE conversation_id = :c "
                        + "AND direction = 'INBOUND'")
                .param("c", conversation).query(String.class).single()));
        assertThat(flags(conversation)).endsWith("true CLINICAL");
        assertThat(jdbc.sql("SELECT possible_crisis_page_at IS NOT NULL FROM conversation WHERE id = :c")
                .param("c", conversation).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aVoicemailNobodyCouldTranscribeIsAPossibleCrisisForSomeoneToListenTo() {
        InboundVoicemails voicemails = context.getBean(InboundVoicemails.class);
        String recording = "RE" + UUID.randomUUID();
        voicemails.recorded(practice.id(), phone, PRACTICE_NUMBER, "twilio", recording,
                "https://api.twilio.example/recordings/" + recording, 45);
        UUID conversation = awaitConversationOf(phone);
        assertThat(jdbc.sql("SELECT risk || ' ' || urgent FROM inbox_message WHERE conversation_id = :c "
                        + "AND direction = 'INBOUND'").param("c", conversation).query(String.class).single())
                .as("not read before its words are known").isEqualTo("NONE false");

        voicemails.transcribed(practice.id(), "twilio", recording, null, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> "POSSIBLE".equals(jdbc.sql(
                "SELECT risk FROM inbox_message WHERE conversation_id = :c AND direction = 'INBOUND'")
                .param("c", conversation).query(String.class).single()));
        assertThat(jdbc.sql("SELECT possible_crisis_page_at IS NOT NULL FROM conversation WHERE id = :c")
                .param("c", conversation).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aPossibleCrisisComesFirstForClinicalReadersOnly() throws Exception {
        text(phone, POSSIBLE);
        UUID marked = awaitConversationOf(phone);
        String later = phone();
        TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(later, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        text(later, "Can I come in Friday instead?");
        UUID newer = awaitConversationOf(later);

        call(get("/api/v1/inbox/conversations"), practice.bearer(StaffRole.CLINICAL_STAFF))
                .andExpect(jsonPath("$.items[0].id").value(marked.toString()))
                .andExpect(jsonPath("$.items[1].id").value(newer.toString()));
        call(get("/api/v1/inbox/conversations?view=team"), practice.bearer(StaffRole.CLINICAL_STAFF))
                .andExpect(jsonPath("$.items[0].id").value(marked.toString()));
        call(get("/api/v1/inbox/conversations"), practice.bearer(StaffRole.FRONT_DESK))
                .andExpect(jsonPath("$.items[0].id").value(newer.toString()));
    }

    @Test
    void onCallIsPagedOnceWhenNobodyOpensItInTimeUntilSomeoneWhoMayReadItOpensIt() throws Exception {
        text(phone, POSSIBLE);
        UUID conversation = awaitConversationOf(phone);
        assertThat(pager.pageDue()).as("not yet due").isZero();

        // An integration token reading it is no member of staff opening it.
        call(get("/api/v1/inbox/conversations/" + conversation), practice.bearer(StaffRole.CLINICAL_STAFF))
                .andExpect(status().isOk());
        due(conversation);
        assertThat(pager.pageDue()).isEqualTo(1);
        assertThat(pager.pageDue()).as("each mark is paged once").isZero();
        assertThat(alertsTo(ON_CALL)).singleElement().asString()
                .startsWith("Test Practice: Possible crisis message unopened for 30 minutes. Open CareRelay: ")
                .endsWith("/console/inbox/" + conversation)
                .doesNotContainIgnoringCase("funeral");
        assertThat(escalations.awaitingAcknowledgement(practice.id(), conversation)).isTrue();

        // The front desk opening it reads nothing: the page goes on.
        conversations.view(staff(StaffRole.FRONT_DESK), conversation);
        assertThat(escalations.awaitingAcknowledgement(practice.id(), conversation)).isTrue();
        // A nurse opening it reads it: the mark goes, and the page with it.
        conversations.view(staff(StaffRole.CLINICAL_STAFF), conversation);
        assertThat(escalations.awaitingAcknowledgement(practice.id(), conversation)).isFalse();
        jdbc.sql("UPDATE escalation SET next_alert_at = now() - interval '1 second' WHERE conversation_id = :c")
                .param("c", conversation).update();
        escalations.repeatDue();
        assertThat(alertsTo(ON_CALL)).hasSize(1);
        call(get("/api/v1/inbox/conversations/" + conversation), practice.bearer(StaffRole.CLINICAL_STAFF))
                .andExpect(jsonPath("$.summary.possibleCrisisSince").doesNotExist())
                .andExpect(jsonPath("$.summary.possibleCrisis").value(true));

        AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT action || ' ' || coalesce(payload ->> 'by', '') FROM audit_event "
                        + "WHERE practice_id = :p AND target_id = :c AND action NOT LIKE 'phi.%' ORDER BY chain_seq")
                .param("p", practice.id().value()).param("c", conversation.toString()).query(String.class).list())
                .containsSubsequence("inbox.conversation.possible-crisis-marked ", "inbox.escalation.raised ",
                        "inbox.escalation.alerted ", "inbox.conversation.possible-crisis-cleared opened",
                        "inbox.escalation.acknowledged possible-crisis-cleared");
    }

    @Test
    void isNotPagedWhenAMemberOfStaffOpensItInTime() {
        text(phone, POSSIBLE);
        UUID conversation = awaitConversationOf(phone);
        Conversation opened = conversations.view(staff(StaffRole.DOCTOR), conversation);
        assertThat(opened.contentHidden()).as("every clinician may read a possible crisis").isFalse();
        assertThat(opened.summary().possibleCrisisSince()).as("as they opened it").isNotNull();

        due(conversation);
        assertThat(pager.pageDue()).isZero();
        assertThat(alertsTo(ON_CALL)).isEmpty();
        assertThat(jdbc.sql("SELECT possible_crisis_since IS NULL AND possible_crisis_page_at IS NULL "
                + "FROM conversation WHERE id = :c").param("c", conversation).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aClinicianJudgesItAndTeachesTheModelAndOnlyAnAcknowledgementStopsACrisisPage() throws Exception {
        text(phone, POSSIBLE);
        UUID conversation = awaitConversationOf(phone);

        call(post("/api/v1/inbox/conversations/" + conversation + "/category"),
                practice.bearer(StaffRole.FRONT_DESK),
                "{\"category\": \"other\", \"crisis\": false, \"urgent\": false}")
                .andExpect(status().isForbidden());
        call(post("/api/v1/inbox/conversations/" + conversation + "/category"),
                practice.bearer(StaffRole.CLINICAL_STAFF), "{\"category\": \"other\", \"crisis\": true}")
                .andExpect(status().isBadRequest());

        // "This was a crisis": on call now, paged at once.
        recategorizations.recategorize(staff(StaffRole.CLINICAL_STAFF), conversation, Category.CLINICAL,
                SafetyJudgement.CRISIS);
        assertThat(flags(conversation)).isEqualTo("CLINICAL true true false ON_CALL");
        assertThat(alertsTo(ON_CALL)).singleElement().asString().contains("Crisis patient message");

        // "Neither" lowers the conversation but leaves the crisis page to be acknowledged.
        call(post("/api/v1/inbox/conversations/" + conversation + "/category"),
                practice.bearer(StaffRole.DOCTOR), "{\"category\": \"other\", \"crisis\": false, \"urgent\": false}")
                .andExpect(status().isNoContent());
        assertThat(flags(conversation)).isEqualTo("OTHER false false false FRONT_DESK");
        assertThat(escalations.awaitingAcknowledgement(practice.id(), conversation)).isTrue();

        assertThat(jdbc.sql("SELECT category || ' ' || crisis || ' ' || urgent FROM triage_correction "
                        + "WHERE practice_id = :p ORDER BY recorded_at").param("p", practice.id().value())
                .query(String.class).list()).containsExactly("CLINICAL true true", "OTHER false false");
        AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT payload ->> 'judgement' FROM audit_event WHERE practice_id = :p "
                        + "AND action = 'inbox.conversation.recategorized' ORDER BY chain_seq")
                .param("p", practice.id().value()).query(String.class).list())
                .containsExactly("CRISIS", "NEITHER");
        assertThat(count("SELECT count(*) FROM audit_event WHERE practice_id = :p "
                + "AND action = 'triage.correction.recorded' AND payload ->> 'crisis' IS NOT NULL")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_event WHERE practice_id = :p "
                + "AND action = 'inbox.conversation.possible-crisis-cleared' AND payload ->> 'by' = 'judged'"))
                .isEqualTo(1);
    }

    @Test
    void onlyStaffWhoMayReadClinicalContentJudgeIt() {
        text(phone, POSSIBLE);
        UUID conversation = awaitConversationOf(phone);
        for (StaffRole role : new StaffRole[] {StaffRole.FRONT_DESK, StaffRole.BILLING, StaffRole.CLINIC_ADMIN}) {
            assertThatThrownBy(() -> recategorizations.recategorize(staff(role), conversation, Category.OTHER,
                    SafetyJudgement.NEITHER)).as(role.name()).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(flags(conversation)).endsWith("true CLINICAL");
    }

    /** A member of staff with {@code role} signed in: a person, unlike the test practice's integration tokens. */
    private Caller staff(StaffRole role) {
        StaffUser member = context.getBean(StaffUsers.class).create(practice.id(), Actor.system("test"),
                new StaffUserDetails("Sam", "Staff", "s" + UUID.randomUUID() + "@clinic.example.test", role, true));
        return new Caller(practice.id(), new Actor(Actor.Type.STAFF, member.id().value().toString()), role.name(),
                context.getBean(Roles.class).permissionsOf(role));
    }

    /** Moves the mark's page time to the past, as if 30 minutes had gone by. */
    private void due(UUID conversation) {
        jdbc.sql("UPDATE conversation SET possible_crisis_page_at = now() - interval '1 second' "
                + "WHERE id = :c AND possible_crisis_page_at IS NOT NULL").param("c", conversation).update();
    }

    private String flags(UUID conversation) {
        return jdbc.sql("SELECT category || ' ' || crisis || ' ' || urgent || ' ' || possible_crisis || ' ' || queue "
                + "FROM conversation WHERE id = :c").param("c", conversation).query(String.class).single();
    }

    private List<String> alertsTo(String phone) {
        return SealedDeliveries.open(context, "body_text", "SELECT d.id, d.body_text FROM delivery d "
                + "WHERE d.practice_id = :p AND d.recipient = :to ORDER BY d.created_at",
                Map.of("p", practice.id().value(), "to", phone));
    }

    private void text(String from, String body) {
        inboundSms.receive(practice.id(), from, PRACTICE_NUMBER, body, "twilio", "SM" + UUID.randomUUID());
    }

    private UUID awaitConversationOf(String sender) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM conversation "
                + "WHERE practice_id = :p AND sender = :s").param("p", practice.id().value()).param("s", sender)
                .query(Long.class).single() == 1);
        return jdbc.sql("SELECT id FROM conversation WHERE practice_id = :p AND sender = :s")
                .param("p", practice.id().value()).param("s", sender).query(UUID.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("p", practice.id().value()).query(Long.class).single();
    }

    private static String phone() {
        return "+1312555" + (1000 + ThreadLocalRandom.current().nextInt(9000));
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String bearer) throws Exception {
        return call(request, bearer, null);
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String bearer, String body) throws Exception {
        request.header(HttpHeaders.AUTHORIZATION, bearer);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }
}
