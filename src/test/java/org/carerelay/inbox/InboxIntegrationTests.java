package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Inbound texts filed into the inbox: matched, threaded, routed, put on a reply clock, and worked through the API. */
@IntegrationTest
class InboxIntegrationTests {

    private static final String PRACTICE_NUMBER = "+17735550100";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    InboundSms inboundSms;
    @Autowired
    JdbcClient jdbc;

    TestPractice practice;
    String ownPhone;
    String familyPhone;
    Patient patient;

    @BeforeEach
    void setUp() {
        practice = TestPractices.register(context);
        ownPhone = phone();
        familyPhone = phone();
        patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(ownPhone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        for (int i = 0; i < 2; i++) {
            TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                    TestPatients.phone(familyPhone, Map.of()));
        }
    }

    @Test
    void aTextFromAPatientsNumberOpensTheirConversationAndTheNextJoinsIt() throws Exception {
        text(ownPhone, "Can I move my appointment to Friday?");
        String id = awaitConversations(1).get(0);
        text(ownPhone, "Or Monday works too");
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(id) == 2);

        call(get("/api/v1/inbox/conversations"), practice.admin())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.totalExact").value(true))
                .andExpect(jsonPath("$.items[0].patientId").value(patient.id().toString()))
                .andExpect(jsonPath("$.items[0].slaState").value("on_track"))
                .andExpect(jsonPath("$.items[0].channel").value("SMS"));
        call(get("/api/v1/inbox/conversations/" + id), practice.admin())
                .andExpect(jsonPath("$.messages[0].text").value("Can I move my appointment to Friday?"))
                .andExpect(jsonPath("$.messages[1].text").value("Or Monday works too"));
        AuditTrail.chain(context);
        assertThat(count("SELECT count(*) FROM audit_event WHERE practice_id = :p "
                + "AND action = 'phi.conversation.viewed'")).isEqualTo(1);

        call(post("/api/v1/inbox/conversations/" + id + "/resolution"), practice.admin())
                .andExpect(status().isNoContent());
        text(ownPhone, "Thanks! One more question");
        assertThat(awaitConversations(2)).as("a resolved conversation is not reopened").contains(id);
    }

    @Test
    void aCrisisTextIsTriagedRoutedToOnCallAndPagedAtOnce() throws Exception {
        TestPractices.store(context, practice.id(), "inbox.on-call-phone", "+13125559911");
        text(ownPhone, "I took all my pills and I don't want to wake up");
        String id = awaitConversations(1).get(0);
        call(get("/api/v1/inbox/conversations/" + id), practice.bearer(StaffRole.CLINICAL_STAFF))
                .andExpect(jsonPath("$.summary.crisis").value(true))
                .andExpect(jsonPath("$.summary.urgent").value(true))
                .andExpect(jsonPath("$.summary.queue").value("on_call"))
                .andExpect(jsonPath("$.summary.category").value("clinical"))
                .andExpect(jsonPath("$.messages[0].reasons[0]")
                        .value(org.hamcrest.Matchers.startsWith("crisis (rules):")));
        assertThat(alertsTo("+13125559911")).singleElement().asString().contains("Crisis patient message");

        text(ownPhone, "Can I move my appointment to next Tuesday?");
        // the crisis text, the answer saying what to do now (SafetyRepliesIntegrationTests), this one
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(id) == 3);
        call(get("/api/v1/inbox/conversations/" + id), practice.admin())
                .andExpect(jsonPath("$.summary.crisis").value(true)); // a calmer message does not lower the flag
    }

    @Test
    void aFamilyPhoneIsNeverGuessedAndWaitsForMatching() throws Exception {
        text(familyPhone, "This is Ana, please call me back");
        awaitConversations(1);
        call(get("/api/v1/inbox/conversations?view=needs-matching"), practice.admin())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].patientId").doesNotExist());
    }

    @Test
    void staffMatchAnUnknownSenderInOneClickAndTheNextTextMatchesByItself() throws Exception {
        org.carerelay.practice.Patient maria = context.getBean(org.carerelay.practice.Patients.class).register(
                practice.id(), org.carerelay.shared.Actor.system("test"), new org.carerelay.practice.PatientDetails(
                        "Maria", "Gonzalez", java.time.LocalDate.of(1975, 3, 9), "MRN-" + UUID.randomUUID(),
                        org.carerelay.practice.Sex.FEMALE, "es", PreferredChannel.SMS, "America/Chicago", null, null,
                        List.of()));
        String newPhone = phone();
        text(newPhone, "Hola, soy Maria Gonzales (3/9/1975), mi nuevo numero. Necesito una cita.");
        String id = awaitConversations(1).get(0);

        call(get("/api/v1/inbox/conversations/" + id + "/suggestions"), practice.admin())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].patientId").value(maria.id().toString()))
                .andExpect(jsonPath("$[0].reasons").value(org.hamcrest.Matchers.hasItems("given name", "family name",
                        "date of birth in the message")));
        call(post("/api/v1/inbox/conversations/" + id + "/match"), practice.bearer(StaffRole.BILLING),
                "{\"patientId\": \"" + maria.id() + "\"}").andExpect(status().isForbidden());
        call(post("/api/v1/inbox/conversations/" + id + "/match"), practice.bearer(StaffRole.FRONT_DESK),
                "{\"patientId\": \"" + maria.id() + "\"}").andExpect(status().isNoContent());
        call(post("/api/v1/inbox/conversations/" + id + "/match"), practice.admin(),
                "{\"patientId\": \"" + maria.id() + "\"}").andExpect(status().isConflict());

        assertThat(jdbc.sql("SELECT count(*) FROM contact_point WHERE patient_id = :p AND value = :v")
                .param("p", maria.id().value()).param("v", newPhone).query(Long.class).single()).isEqualTo(1);
        text(newPhone, "Gracias");
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(id) == 2);
    }

    @Test
    void suggestionsForAFamilyPhoneRankItsHoldersFirst() throws Exception {
        text(familyPhone, "Hi it's Ana, can you call me back?");
        String id = awaitConversations(1).get(0);
        // Three patients are named Ana: the two who share the phone, then the one with a phone of her own.
        call(get("/api/v1/inbox/conversations/" + id + "/suggestions"), practice.admin())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].reasons").value(org.hamcrest.Matchers.hasItems("holds this address",
                        "given name")))
                .andExpect(jsonPath("$[1].reasons").value(org.hamcrest.Matchers.hasItems("holds this address")))
                .andExpect(jsonPath("$[2].patientId").value(patient.id().toString()))
                .andExpect(jsonPath("$[2].reasons").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasItem("holds this address"))));
    }

    @Test
    void aMessageIsFiledOnceHoweverOftenItIsHandedOver() {
        text(ownPhone, "Hello");
        awaitConversations(1);
        UUID inbound = jdbc.sql("SELECT id FROM inbound_message WHERE practice_id = :p")
                .param("p", practice.id().value()).query(UUID.class).single();
        assertThat(context.getBean(InboxIngestion.class).receive(practice.id(), inbound)).isEmpty();
        assertThat(count("SELECT count(*) FROM inbox_message WHERE practice_id = :p")).isEqualTo(1);
    }

    @Test
    void clinicalConversationsShowTheirTextsOnlyToClinicalStaff() throws Exception {
        text(ownPhone, "My refill please");
        String id = awaitConversations(1).get(0);
        call(post("/api/v1/inbox/conversations/" + id + "/category"), practice.bearer(StaffRole.FRONT_DESK),
                "{\"category\": \"refill\"}").andExpect(status().isNoContent());

        call(get("/api/v1/inbox/conversations?view=team"), practice.bearer(StaffRole.CLINICAL_STAFF))
                .andExpect(jsonPath("$.items[0].queue").value("clinical"));
        assertThat(jdbc.sql("SELECT category FROM triage_correction WHERE practice_id = :p")
                .param("p", practice.id().value()).query(String.class).list())
                .as("the correction teaches the practice's model").containsExactly("REFILL");
        call(get("/api/v1/inbox/conversations/" + id), practice.bearer(StaffRole.FRONT_DESK))
                .andExpect(jsonPath("$.contentHidden").value(true))
                .andExpect(jsonPath("$.messages[0].text").doesNotExist());
        call(get("/api/v1/inbox/conversations/" + id), practice.bearer(StaffRole.CLINICAL_STAFF))
                .andExpect(jsonPath("$.messages[0].text").value("My refill please"));
    }

    @Test
    void aReplyGoesThroughTheHubOnThePatientsChannelAndStopsTheClock() throws Exception {
        String unconsentedPhone = phone();
        TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.phone(unconsentedPhone, Map.of()));
        text(unconsentedPhone, "Is the office open Saturday?");
        String id = awaitConversations(1).get(0);

        String reply = "{\"text\": \"Yes, 9 to 12.\", \"idempotencyKey\": \"r1\"}";
        call(post("/api/v1/inbox/conversations/" + id + "/replies"), practice.bearer(StaffRole.FRONT_DESK), reply)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.deliveries[0].channel").value("sms"))
                .andExpect(jsonPath("$.deliveries[0].status").value("queued"))
                .andExpect(jsonPath("$.deliveries[0].decisions[?(@.check == 'consent')].detail")
                        .value(org.hamcrest.Matchers.contains("a reply to the patient's own message")));
        call(post("/api/v1/inbox/conversations/" + id + "/replies"), practice.bearer(StaffRole.FRONT_DESK), reply)
                .andExpect(status().isAccepted()); // the same click again: no second text

        call(get("/api/v1/inbox/conversations/" + id), practice.admin())
                .andExpect(jsonPath("$.summary.slaState").value("answered"))
                .andExpect(jsonPath("$.messages.length()").value(2))
                .andExpect(jsonPath("$.messages[1].direction").value("OUTBOUND"))
                .andExpect(jsonPath("$.messages[1].text").value("Yes, 9 to 12."));
        assertThat(count("SELECT count(*) FROM message WHERE practice_id = :p AND template_key = 'inbox-reply'"))
                .isEqualTo(1);

        text(familyPhone, "Who is this?");
        String unmatched = awaitConversations(2).get(1);
        call(post("/api/v1/inbox/conversations/" + unmatched + "/replies"), practice.admin(), reply)
                .andExpect(status().isConflict());
        call(post("/api/v1/inbox/conversations/" + id + "/replies"), practice.admin(), "{\"text\": \" \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
    }

    @Test
    void anUrgentConversationPagesTheOnCallPhoneEvery15MinutesUntilAcknowledged() throws Exception {
        String staff = jdbc.sql("INSERT INTO staff_user (id, practice_id, given_name, family_name, email, role, "
                        + "created_at, updated_at) VALUES (gen_random_uuid(), :p, 'Dana', 'Oncall', :email, 'DOCTOR', "
                        + "now(), now()) RETURNING id::text")
                .param("p", practice.id().value()).param("email", "dana." + UUID.randomUUID() + "@example.test")
                .query(String.class).single();
        String onCallPhone = phone();
        call(post("/api/v1/inbox/on-call-shifts"), practice.bearer(StaffRole.FRONT_DESK), shift(staff, onCallPhone))
                .andExpect(status().isForbidden());
        call(post("/api/v1/inbox/on-call-shifts"), practice.admin(), shift(staff, onCallPhone))
                .andExpect(status().isCreated());
        text(ownPhone, "Can I move my appointment to Friday?");
        UUID conversation = UUID.fromString(awaitConversations(1).get(0));

        Escalations escalations = context.getBean(Escalations.class);
        escalations.raise(practice.id(), conversation, true);
        assertThat(alertsTo(onCallPhone)).singleElement().asString()
                .startsWith("Test Practice: Crisis patient message. Open CareRelay: ")
                .endsWith("/console/inbox/" + conversation);

        jdbc.sql("UPDATE escalation SET next_alert_at = now() - interval '1 second' WHERE conversation_id = :c")
                .param("c", conversation).update();
        escalations.repeatDue();
        assertThat(alertsTo(onCallPhone)).hasSize(2);

        call(post("/api/v1/inbox/conversations/" + conversation + "/acknowledgement"),
                practice.bearer(StaffRole.CLINICAL_STAFF)).andExpect(status().isNoContent());
        jdbc.sql("UPDATE escalation SET next_alert_at = now() - interval '1 second' WHERE conversation_id = :c")
                .param("c", conversation).update();
        escalations.repeatDue();
        assertThat(alertsTo(onCallPhone)).as("acknowledged: no more alerts").hasSize(2);
        call(post("/api/v1/inbox/conversations/" + conversation + "/acknowledgement"), practice.admin())
                .andExpect(status().isConflict());
        AuditTrail.chain(context);
        assertThat(count("SELECT count(*) FROM audit_event WHERE practice_id = :p AND action LIKE 'inbox.escalation.%'"))
                .as("raised, two alerts, acknowledged").isEqualTo(4);
    }

    @Test
    void aMessageWhileTheOfficeIsClosedGetsOneAfterHoursAnswerANight() throws Exception {
        java.time.DayOfWeek closedToday = java.time.LocalDate.now(java.time.ZoneId.of("America/Chicago"))
                .getDayOfWeek().plus(2);
        call(post("/api/v1/locations"), practice.admin(), """
                {"name": "Main", "address": {"line1": "1 Main St", "city": "Chicago", "region": "IL",
                 "postalCode": "60601", "country": "US"}, "timeZone": "America/Chicago",
                 "businessHours": [{"day": "%s", "opens": "08:00", "closes": "17:00"}]}"""
                .formatted(closedToday.name().toLowerCase()))
                .andExpect(status().isCreated());

        text(ownPhone, "Is my prescription ready?");
        String id = awaitConversations(1).get(0);
        text(ownPhone, "Hello?");
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(id) == 3);
        text(familyPhone, "Can someone call me today? It's been a rough week");
        awaitConversations(2);

        List<String> answers = org.carerelay.SealedDeliveries.open(context, "body_text", """
                SELECT d.id, d.body_text FROM delivery d JOIN message m ON m.id = d.message_id
                WHERE m.practice_id = :p AND m.template_key = 'inbox-after-hours' ORDER BY d.created_at""",
                Map.of("p", practice.id().value()));
        assertThat(answers).as("one for the patient's conversation, one for the unknown sender").hasSize(2)
                .allSatisfy(answer -> assertThat(answer).contains("911", "988"));
        call(get("/api/v1/inbox/conversations/" + id), practice.admin())
                .andExpect(jsonPath("$.messages[1].direction").value("OUTBOUND"))
                .andExpect(jsonPath("$.summary.slaState").value("on_track"));
    }

    @Test
    void overdueConversationsAreNoticedOnceTellSupervisorsAndShowInTheMetrics() throws Exception {
        jdbc.sql("INSERT INTO staff_user (id, practice_id, given_name, family_name, email, role, created_at, "
                        + "updated_at) VALUES (gen_random_uuid(), :p, 'Sam', 'Super', :email, 'CLINIC_ADMIN', now(), now())")
                .param("p", practice.id().value()).param("email", "sam." + UUID.randomUUID() + "@example.test")
                .update();
        text(ownPhone, "Can you send my records to the new clinic?");
        String late = awaitConversations(1).get(0);
        jdbc.sql("UPDATE conversation SET sla_warn_at = now() - interval '2 hours', sla_due_at = now() - interval "
                + "'1 hour' WHERE id = CAST(:c AS uuid)").param("c", late).update();

        SlaMonitor monitor = context.getBean(SlaMonitor.class);
        assertThat(monitor.noticeBreaches()).isGreaterThanOrEqualTo(1);
        assertThat(monitor.noticeBreaches()).as("each breach once").isZero();
        assertThat(count("SELECT count(*) FROM message WHERE practice_id = :p AND template_key = 'inbox-sla-breach'"))
                .isEqualTo(1);
        call(get("/api/v1/inbox/conversations?sla=breached"), practice.admin())
                .andExpect(jsonPath("$.items[0].id").value(late));

        call(post("/api/v1/inbox/conversations/" + late + "/replies"), practice.admin(), "{\"text\": \"Sent today.\"}")
                .andExpect(status().isAccepted());
        call(post("/api/v1/inbox/conversations/" + late + "/resolution"), practice.admin())
                .andExpect(status().isNoContent());
        call(get("/api/v1/inbox/metrics"), practice.admin())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.conversations").value(1))
                .andExpect(jsonPath("$.firstResponseMinutes.count").value(1))
                .andExpect(jsonPath("$.resolutionMinutes.count").value(1))
                .andExpect(jsonPath("$.firstContactResolution").value(1.0))
                .andExpect(jsonPath("$.inboundByChannel.sms").value(1))
                .andExpect(jsonPath("$.slaBreaches").value(1));
        call(get("/api/v1/inbox/metrics?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z"), practice.admin())
                .andExpect(status().isBadRequest());
    }

    @Test
    void staffSplitAConversationWhereANewTopicStartsAndMergeItBack() throws Exception {
        text(ownPhone, "Can I move my appointment to Friday?");
        String id = awaitConversations(1).get(0);
        text(ownPhone, "Also, my bill shows a charge twice");
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(id) == 2);
        String second = jdbc.sql("SELECT id::text FROM inbox_message WHERE conversation_id = CAST(:c AS uuid) "
                + "ORDER BY created_at DESC LIMIT 1").param("c", id).query(String.class).single();

        String location = call(post("/api/v1/inbox/conversations/" + id + "/split"), practice.admin(),
                "{\"fromMessageId\": \"" + second + "\"}")
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader(HttpHeaders.LOCATION);
        String split = location.substring(location.lastIndexOf('/') + 1);
        assertThat(messagesIn(id)).isEqualTo(1);
        assertThat(messagesIn(split)).isEqualTo(1);
        call(post("/api/v1/inbox/conversations/" + id + "/split"), practice.admin(),
                "{\"fromMessageId\": \"" + UUID.randomUUID() + "\"}").andExpect(status().isNotFound());

        call(post("/api/v1/inbox/conversations/" + id + "/merge"), practice.admin(),
                "{\"conversationId\": \"" + split + "\"}").andExpect(status().isNoContent());
        assertThat(messagesIn(id)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT status || ' ' || merged_into FROM conversation WHERE id = CAST(:c AS uuid)")
                .param("c", split).query(String.class).single()).isEqualTo("RESOLVED " + id);
        text(familyPhone, "Hello?");
        String unmatched = awaitConversations(3).get(2);
        call(post("/api/v1/inbox/conversations/" + id + "/merge"), practice.admin(),
                "{\"conversationId\": \"" + unmatched + "\"}").andExpect(status().isConflict());
    }

    @Test
    void badFiltersAndUnknownConversationsAreClearErrors() throws Exception {
        call(get("/api/v1/inbox/conversations?sla=late"), practice.admin())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sla"));
        call(get("/api/v1/inbox/conversations?view=everything"), practice.admin())
                .andExpect(status().isBadRequest());
        call(get("/api/v1/inbox/conversations/" + UUID.randomUUID()), practice.admin())
                .andExpect(status().isNotFound());
        call(post("/api/v1/inbox/conversations/" + UUID.randomUUID() + "/category"), practice.admin(),
                "{\"category\": \"gossip\"}").andExpect(status().isBadRequest());
        call(get("/api/v1/inbox/conversations"), practice.bearer(StaffRole.READ_ONLY))
                .andExpect(status().isForbidden());
    }

    @Test
    void aLongInboxIsCountedToAThousandNotToItsEnd() throws Exception {
        jdbc.sql("""
                INSERT INTO conversation (id, practice_id, sender, channel, category, urgent, crisis, queue, status,
                                          last_message_at, created_at, updated_at)
                SELECT gen_random_uuid(), :p, '+1773555' || lpad(n::text, 4, '0'), 'SMS', 'OTHER', false, false,
                       'FRONT_DESK', 'OPEN', now() - n * interval '1 minute', now(), now()
                FROM generate_series(1, 1001) n""").param("p", practice.id().value()).update();

        call(get("/api/v1/inbox/conversations"), practice.admin())
                .andExpect(jsonPath("$.items.length()").value(50))
                .andExpect(jsonPath("$.total").value(1000))
                .andExpect(jsonPath("$.totalExact").value(false));
        call(get("/api/v1/inbox/conversations?page=20"), practice.admin())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.total").value(1001))
                .andExpect(jsonPath("$.totalExact").value(true));
        call(get("/api/v1/inbox/conversations?channel=email"), practice.admin())
                .andExpect(jsonPath("$.total").value(0))
                .andExpect(jsonPath("$.totalExact").value(true));
    }

    private static String shift(String staff, String phone) {
        java.time.Instant now = java.time.Instant.now();
        return "{\"staffId\": \"%s\", \"phone\": \"%s\", \"startsAt\": \"%s\", \"endsAt\": \"%s\"}"
                .formatted(staff, phone, now.minusSeconds(3600), now.plusSeconds(3600));
    }

    private List<String> alertsTo(String phone) {
        return org.carerelay.SealedDeliveries.open(context, "body_text", "SELECT d.id, d.body_text FROM delivery d "
                + "WHERE d.practice_id = :p AND d.recipient = :to ORDER BY d.created_at",
                Map.of("p", practice.id().value(), "to", phone));
    }

    private void text(String from, String body) {
        inboundSms.receive(practice.id(), from, PRACTICE_NUMBER, body, "twilio", "SM" + UUID.randomUUID());
    }

    private List<String> awaitConversations(int expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM conversation "
                + "WHERE practice_id = :p") == expected);
        return jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p ORDER BY created_at")
                .param("p", practice.id().value()).query(String.class).list();
    }

    private long messagesIn(String conversation) {
        return jdbc.sql("SELECT count(*) FROM inbox_message WHERE conversation_id = CAST(:c AS uuid)")
                .param("c", conversation).query(Long.class).single();
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
