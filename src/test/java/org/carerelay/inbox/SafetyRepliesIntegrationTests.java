package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.dispatch.DispatchWorker;
import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Urgent and crisis messages texted or e-mailed in (issue 13 §4): the sender is told at once what to do now, at most
 * once a day per conversation, and the conversation they join is lifted to the crisis instead of staying filed under
 * its older topic.
 */
@IntegrationTest
class SafetyRepliesIntegrationTests {

    private static final String PRACTICE_NUMBER = "+17735550100";
    private static final String ON_CALL = "+13125550199";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    InboundSms inboundSms;
    @Autowired
    DispatchWorker worker;
    @Autowired
    JdbcClient jdbc;

    TestPractice practice;
    String phone;

    @BeforeEach
    void setUp() {
        practice = TestPractices.register(context);
        phone = "+1312555" + (1000 + ThreadLocalRandom.current().nextInt(9000));
        TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
    }

    @Test
    void aCrisisTextIntoAnOpenRefillConversationLiftsItAndIsAnsweredOnceWithWhatToDoNow() throws Exception {
        TestPractices.store(context, practice.id(), "inbox.on-call-phone", ON_CALL);
        text(phone, "I need a refill of my lisinopril, I have two pills left");
        UUID conversation = awaitConversation();
        assertThat(column(conversation, "category")).isEqualTo("REFILL");

        Instant sent = Instant.now();
        text(phone, "I can't do this anymore, I want to end my life");
        awaitMessagesIn(conversation, 3);

        assertThat(textsTo(phone)).as("the answer, in the dev outbox").singleElement().asString()
                .startsWith("Test Practice: ")
                .contains("call 911", "call or text 988", "Suicide & Crisis Lifeline", "On-call clinician: (312) 555-0199")
                .doesNotContain("—", "’", "“");
        assertThat(column(conversation, "category")).as("no longer filed as a refill").isEqualTo("CLINICAL");
        assertThat(column(conversation, "crisis || ' ' || queue")).isEqualTo("true ON_CALL");
        assertThat(jdbc.sql("SELECT sla_due_at FROM conversation WHERE id = :c").param("c", conversation)
                .query(Timestamp.class).single().toInstant())
                .as("the urgent clock from the crisis, not the refill's")
                .isBetween(sent.plus(Duration.ofMinutes(119)), Instant.now().plus(Duration.ofMinutes(120)));
        mvc.perform(get("/api/v1/inbox/conversations/" + conversation)
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(jsonPath("$.messages[2].direction").value("OUTBOUND"))
                .andExpect(jsonPath("$.messages[2].text").value(org.hamcrest.Matchers.containsString("988")));

        text(phone, "Please, I really want to die");
        awaitMessagesIn(conversation, 4);
        assertThat(textsTo(phone)).as("once a day per conversation").hasSize(1);
        AuditTrail.chain(context);
        assertThat(count("inbox.safety.answered")).isEqualTo(1);
        assertThat(count("inbox.conversation.lifted")).isEqualTo(1);
    }

    @Test
    void anUrgentTextGetsTheEmergencyLineWithout988AndACrisisLaterThatDayGetsTheCrisisAnswer() throws Exception {
        text(phone, "I have crushing chest pain and my left arm is numb");
        UUID conversation = awaitConversation();
        awaitMessagesIn(conversation, 2);

        assertThat(textsTo(phone)).singleElement().asString().contains("If this is an emergency, call 911.")
                .as("988 is for a crisis").doesNotContain("988")
                .as("no on-call number: no line for it").doesNotContain("On-call");
        assertThat(jdbc.sql("SELECT sms_encoding FROM delivery WHERE practice_id = :p AND recipient = :to")
                .param("p", practice.id().value()).param("to", phone).query(String.class).single())
                .isEqualTo("GSM-7");

        text(phone, "I want to kill myself");
        awaitMessagesIn(conversation, 4);
        assertThat(textsTo(phone)).hasSize(2).last().asString().contains("call or text 988");
    }

    @Test
    void aCrisisFromAnUnknownNumberIsAnsweredToo() throws Exception {
        String stranger = "+1312555" + (1000 + ThreadLocalRandom.current().nextInt(9000));
        text(stranger, "I want to end my life tonight");
        awaitMessagesIn(awaitConversation(), 2);

        assertThat(textsTo(stranger)).singleElement().asString().contains("call 911", "988");
    }

    @Test
    void aCrisisEmailIsAnsweredByEmailInItsThread() throws Exception {
        String office = "office-" + UUID.randomUUID() + "@clinic.example.test";
        TestPractices.store(context, practice.id(), "email.sender-address", office);
        TestPractices.store(context, practice.id(), "inbox.on-call-phone", ON_CALL);
        String address = "ana." + UUID.randomUUID() + "@patient.example.test";
        TestPatients.register(context, practice.id(), "es", PreferredChannel.EMAIL, TestPatients.email(address));

        mail(address, office, "<crisis-" + UUID.randomUUID() + "@patient.example.test>",
                "Ya no quiero vivir, no aguanto más");
        awaitMessagesIn(awaitConversation(), 2);

        Map<String, Object> answer = outbox(address).get(0);
        assertThat(answer.get("subject")).asString().startsWith("Recibimos su mensaje");
        assertThat(answer.get("text")).asString().contains("llame al 911", "988",
                "médico de guardia, llame al (312) 555-0199");
        assertThat(jdbc.sql("SELECT in_reply_to IS NOT NULL FROM delivery WHERE practice_id = :p AND recipient = :to")
                .param("p", practice.id().value()).param("to", address).query(Boolean.class).single())
                .as("threaded as a reply to the patient's e-mail").isTrue();
    }

    private List<String> textsTo(String to) throws Exception {
        return outbox(to).stream().map(message -> (String) message.get("text")).toList();
    }

    /** What the dev outbox delivered to {@code to}, oldest first. */
    private List<Map<String, Object>> outbox(String to) throws Exception {
        while (worker.dispatchDue() > 0) {
            // until nothing is due
        }
        String json = mvc.perform(get("/dev/outbox/messages")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> messages = new java.util.ArrayList<>(JsonPath.read(json, "$[?(@.to == '" + to + "')]"));
        java.util.Collections.reverse(messages); // the outbox lists the newest first
        return messages;
    }

    private void text(String from, String body) {
        inboundSms.receive(practice.id(), from, PRACTICE_NUMBER, body, "twilio", "SM" + UUID.randomUUID());
    }

    private void mail(String from, String to, String messageId, String text) throws Exception {
        String source = "From: Ana Lopez <" + from + ">\r\nTo: " + to + "\r\nSubject: Ayuda\r\n"
                + "Date: Tue, 3 Mar 2026 10:15:00 -0600\r\nMessage-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n";
        mvc.perform(post("/webhooks/email/inbound").contentType("message/rfc822")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IntegrationTest.INBOUND_EMAIL_TOKEN)
                        .content(source.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isAccepted());
    }

    private UUID awaitConversation() {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM conversation "
                + "WHERE practice_id = :p").param("p", practice.id().value()).query(Long.class).single() == 1);
        return jdbc.sql("SELECT id FROM conversation WHERE practice_id = :p").param("p", practice.id().value())
                .query(UUID.class).single();
    }

    private void awaitMessagesIn(UUID conversation, int expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM inbox_message "
                + "WHERE conversation_id = :c").param("c", conversation).query(Long.class).single() == expected);
    }

    private String column(UUID conversation, String expression) {
        return jdbc.sql("SELECT " + expression + " FROM conversation WHERE id = :c").param("c", conversation)
                .query(String.class).single();
    }

    private long count(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE practice_id = :p AND action = :action")
                .param("p", practice.id().value()).param("action", action).query(Long.class).single();
    }
}
