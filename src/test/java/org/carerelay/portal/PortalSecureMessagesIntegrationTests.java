package org.carerelay.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.PortalPatient;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.WebClient;
import org.carerelay.inbox.ConversationReplies;
import org.carerelay.inbox.PortalMessages;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A patient writes to the care team from the portal, the inbox gets it, and the reply comes back to the portal. */
@IntegrationTest
class PortalSecureMessagesIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aMessageGoesToTheInboxAndTheReplyComesBackWithANoticeThatSaysNothingOfIt() throws Exception {
        TestPractice practice = TestPractices.register(context);
        PortalPatient signedIn = PortalPatient.signIn(mvc, context, practice.id(), "en");
        Patient patient = signedIn.patient();
        WebClient browser = signedIn.browser();

        assertThat(browser.get("/portal/secure-messages").getResponse().getContentAsString())
                .contains("No messages yet.", "call 911");
        String key = UUID.randomUUID().toString();
        browser.post("/portal/secure-messages", "text", "Can I get my flu shot at my next visit?", "key", key);
        browser.post("/portal/secure-messages", "text", "Can I get my flu shot at my next visit?", "key", key);
        assertThat(browser.get("/portal/secure-messages").getResponse().getContentAsString())
                .contains("Your message was sent", "Can I get my flu shot at my next visit?");
        UUID conversation = jdbc.sql("SELECT id FROM conversation WHERE practice_id = :p AND channel = 'PORTAL'")
                .param("p", practice.id().value()).query(UUID.class).single();

        Caller staff = new Caller(practice.id(), Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        context.getBean(ConversationReplies.class).reply(staff, conversation, "Yes, we will have it ready.", null,
                "reply-1");

        assertThat(browser.get("/portal/secure-messages").getResponse().getContentAsString())
                .contains("Your care team", "Yes, we will have it ready.");
        assertThat(jdbc.sql("SELECT template_key || '/' || requested_channel FROM message WHERE practice_id = :p "
                        + "AND patient_id = :patient ORDER BY created_at")
                .param("p", practice.id().value()).param("patient", patient.id().value())
                .query(String.class).list())
                .containsSubsequence("inbox-reply/IN_APP", "new-secure-message/PREFERRED");

        browser.post("/portal/secure-messages", "text", "   ", "key", UUID.randomUUID().toString());
        assertThat(browser.get("/portal/secure-messages").getResponse().getContentAsString())
                .contains("Please write a message");
    }

    @Test
    void aCrisisWrittenIntoAnOpenRefillConversationShowsWhatToDoNowAndLiftsTheConversation() throws Exception {
        TestPractice practice = TestPractices.register(context);
        TestPractices.store(context, practice.id(), "inbox.on-call-phone", "+13125550199");
        Patient other = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL);
        context.getBean(PortalMessages.class).receive(practice.id(), other.id(), "What time do you open on Saturday?",
                "other-1");
        PortalPatient signedIn = PortalPatient.signIn(mvc, context, practice.id(), "en");
        WebClient browser = signedIn.browser();
        browser.post("/portal/secure-messages", "text", "I need a refill of my lisinopril, I have two pills left",
                "key", UUID.randomUUID().toString());
        assertThat(browser.get("/portal/secure-messages").getResponse().getContentAsString())
                .as("a routine message shows no guidance").doesNotContain("id=\"guidance\"");
        UUID conversation = conversationOf(practice, signedIn.patient());
        assertThat(column(conversation, "category")).isEqualTo("REFILL");

        Instant sent = Instant.now();
        browser.post("/portal/secure-messages", "text", "I can't do this anymore, I want to end my life", "key",
                UUID.randomUUID().toString());

        String guidance = guidance(browser.get("/portal/secure-messages").getResponse().getContentAsString());
        assertThat(guidance).contains("If you need help now", "call 911", "call or text 988",
                "Suicide &amp; Crisis Lifeline", "on-call clinician", "href=\"tel:+13125550199\"", "(312) 555-0199");
        assertThat(conversationOf(practice, signedIn.patient())).as("the crisis lifts the conversation it joined")
                .isEqualTo(conversation);
        assertThat(column(conversation, "category")).as("no longer filed as a refill").isEqualTo("CLINICAL");
        assertThat(column(conversation, "crisis || ' ' || urgent || ' ' || queue")).isEqualTo("true true ON_CALL");
        Instant due = jdbc.sql("SELECT sla_due_at FROM conversation WHERE id = :c").param("c", conversation)
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(due).as("the urgent clock: 120 minutes from the crisis, not the refill's 240")
                .isBetween(sent.plus(Duration.ofMinutes(119)), Instant.now().plus(Duration.ofMinutes(120)));

        mvc.perform(get("/api/v1/inbox/conversations").header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].id").value(conversation.toString()))
                .andExpect(jsonPath("$.items[0].crisis").value(true))
                .andExpect(jsonPath("$.items[0].category").value("clinical"))
                .andExpect(jsonPath("$.items[0].queue").value("on_call"))
                .andExpect(jsonPath("$.items[0].slaState").value("on_track"))
                .andExpect(jsonPath("$.items[0].slaDueAt").value(due.toString()));
        AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT payload::text FROM audit_event WHERE practice_id = :p "
                        + "AND action = 'inbox.conversation.lifted'")
                .param("p", practice.id().value()).query(String.class).single())
                .contains("REFILL", "CLINICAL");
    }

    @Test
    void anUrgentMessageInSpanishShowsTheEmergencyLineIn911AndNo988NorAnEmptyOnCallLine() throws Exception {
        TestPractice practice = TestPractices.register(context);
        WebClient browser = PortalPatient.signIn(mvc, context, practice.id(), "es").browser();

        browser.post("/portal/secure-messages", "text", "Tengo dolor de pecho desde hace una hora", "key",
                UUID.randomUUID().toString());

        String guidance = guidance(browser.get("/portal/secure-messages").getResponse().getContentAsString());
        assertThat(guidance).contains("Si necesita ayuda ahora", "Si es una emergencia", "llame al 911")
                .as("988 is for a crisis only").doesNotContain("988")
                .as("the practice has no on-call number: no line for it").doesNotContain("guardia", "tel:");
    }

    @Test
    void aCrisisInSpanishNamesThe988LifelineInSpanish() throws Exception {
        TestPractice practice = TestPractices.register(context);
        WebClient browser = PortalPatient.signIn(mvc, context, practice.id(), "es").browser();

        browser.post("/portal/secure-messages", "text", "ya no aguanto más, quiero quitarme la vida", "key",
                UUID.randomUUID().toString());

        assertThat(guidance(browser.get("/portal/secure-messages").getResponse().getContentAsString()))
                .contains("llame al 911", "llame o envíe un texto al 988", "Línea de Prevención del Suicidio");
    }

    /** The box of what to do now, alone: the form's own footer names 911 and 988 on every page. */
    private static String guidance(String page) {
        int start = page.indexOf("id=\"guidance\"");
        assertThat(start).as("the page says what to do now").isNotNegative();
        return page.substring(start, page.indexOf("</div>", start));
    }

    private UUID conversationOf(TestPractice practice, Patient patient) {
        return jdbc.sql("SELECT id FROM conversation WHERE practice_id = :p AND patient_id = :patient")
                .param("p", practice.id().value()).param("patient", patient.id().value())
                .query(UUID.class).single();
    }

    private String column(UUID conversation, String expression) {
        return jdbc.sql("SELECT " + expression + " FROM conversation WHERE id = :c").param("c", conversation)
                .query(String.class).single();
    }
}
