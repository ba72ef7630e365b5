package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.SealedDeliveries;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.ReplyThreading;
import org.carerelay.messaging.dispatch.DispatchWorker;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.PracticeId;
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

/**
 * E-mail replies from the inbox and the patient's answers to them, end to end: raw MIME posted to
 * /webhooks/email/inbound as a mail relay posts it, replies through the API, threading headers on the delivery, and
 * the answer filed into the conversation it continues.
 */
@IntegrationTest
class EmailRepliesIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DispatchWorker worker;

    TestPractice practice;
    String office;
    String patientAddress;

    @BeforeEach
    void aPracticeAndAPatientWhoWritesByEmail() {
        practice = TestPractices.register(context);
        office = "office-" + UUID.randomUUID() + "@clinic.example.test";
        TestPractices.store(context, practice.id(), "email.sender-address", office);
        patientAddress = "ana." + UUID.randomUUID() + "@patient.example.test";
        TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(patientAddress));
    }

    @Test
    void thePatientsAnswerToAReplyRejoinsItsConversationResolvedAndLongAfter() throws Exception {
        String question = messageId("question");
        mail(patientAddress, office, question, null, null, "Could you send me a copy of my last invoice?");
        String conversation = awaitConversations(practice.id(), 1).get(0);

        reply(conversation, "Of course, it is on its way.");
        worker.dispatchDue();
        Reply first = lastReply();
        assertThat(first.messageId()).isEqualTo("<" + first.delivery() + "@clinic.example.test>");
        assertThat(first.inReplyTo()).isEqualTo(question);
        assertThat(first.references()).isEqualTo(question);
        assertThat(first.replyTo()).matches(office.replace("@", "\\+r-[a-z2-7]{26}@").replace(".", "\\."));

        resolveLongAgo(conversation);
        String answer = messageId("answer");
        mail(patientAddress, office, answer, first.messageId(), question + " " + first.messageId(),
                "Thanks! Could you also send the one from March?");
        awaitMessagesIn(conversation, 3);

        assertThat(awaitConversations(practice.id(), 1)).containsExactly(conversation);
        call(get("/api/v1/inbox/conversations/" + conversation))
                .andExpect(jsonPath("$.summary.status").value("OPEN"))
                .andExpect(jsonPath("$.summary.slaState").value("on_track"))
                .andExpect(jsonPath("$.messages[2].text").value("Thanks! Could you also send the one from March?"));
        AuditTrail.chain(context);
        assertThat(count("SELECT count(*) FROM audit_event WHERE practice_id = :p "
                + "AND action = 'inbox.conversation.reopened'")).isEqualTo(1);

        reply(conversation, "Sent as well.");
        Reply second = lastReply();
        assertThat(second.inReplyTo()).isEqualTo(answer);
        assertThat(second.references()).isEqualTo(question + " " + first.messageId() + " " + answer);
        assertThat(second.replyTo()).as("one token per conversation").isEqualTo(first.replyTo());
    }

    @Test
    void anAnswerToTheReplyAddressAloneFindsItsConversation() throws Exception {
        mail(patientAddress, office, messageId("question"), null, null, "Is my referral ready?");
        String conversation = awaitConversations(practice.id(), 1).get(0);
        reply(conversation, "Yes, you can pick it up.");
        resolveLongAgo(conversation);

        // A mail program that keeps no In-Reply-To: only the address says where the answer belongs.
        mail(patientAddress, lastReply().replyTo(), messageId("answer"), null, null, "Great, tomorrow then.");
        awaitMessagesIn(conversation, 3);
        assertThat(awaitConversations(practice.id(), 1)).containsExactly(conversation);
        assertThat(jdbc.sql("SELECT status FROM conversation WHERE id = CAST(:c AS uuid)").param("c", conversation)
                .query(String.class).single()).isEqualTo("OPEN");
    }

    @Test
    void aTokenOfAnotherPracticeOrNoneAtAllIsNoSignAndTheUsualThreadingApplies() throws Exception {
        mail(patientAddress, office, messageId("question"), null, null, "Do you take my insurance?");
        String ours = awaitConversations(practice.id(), 1).get(0);
        reply(ours, "We do.");
        resolveLongAgo(ours);

        TestPractice other = TestPractices.register(context);
        String otherOffice = "front-" + UUID.randomUUID() + "@elsewhere.example.test";
        TestPractices.store(context, other.id(), "email.sender-address", otherOffice);
        TestPatients.register(context, other.id(), "en", PreferredChannel.EMAIL, TestPatients.email(patientAddress));
        mail(patientAddress, otherOffice, messageId("elsewhere"), null, null, "Can I book a cleaning?");
        String theirs = awaitConversations(other.id(), 1).get(0);
        call(post("/api/v1/inbox/conversations/" + theirs + "/replies"), other.admin(),
                "{\"text\": \"Yes.\", \"channel\": \"email\"}").andExpect(status().isAccepted());
        String theirToken = jdbc.sql("SELECT reply_token FROM conversation WHERE id = CAST(:c AS uuid)")
                .param("c", theirs).query(String.class).single();

        mail(patientAddress, office.replace("@", "+r-" + theirToken + "@"), messageId("foreign"), null, null,
                "Another question about my insurance");
        List<String> conversations = awaitConversations(practice.id(), 2);
        assertThat(messagesIn(ours)).as("the resolved conversation stays resolved").isEqualTo(2);
        assertThat(messagesIn(theirs)).as("nothing reaches the other practice").isEqualTo(2);

        mail(patientAddress, office.replace("@", "+r-" + ReplyThreading.newToken() + "@"), messageId("unknown"),
                null, null, "And one more question about my copay.");
        awaitMessagesIn(conversations.get(1), 2);
        assertThat(awaitConversations(practice.id(), 2)).as("joined the open conversation, as usual")
                .isEqualTo(conversations);
    }

    @Test
    void anAnswerToAMergedConversationGoesToTheOneThatSurvived() throws Exception {
        mail(patientAddress, office, messageId("first"), null, null, "I need to reschedule Tuesday.");
        String merged = awaitConversations(practice.id(), 1).get(0);
        reply(merged, "Which day suits you?");
        String token = lastReply().replyTo();
        resolveLongAgo(merged);
        mail(patientAddress, office, messageId("second"), null, null, "And the Tuesday appointment is about my knee pain.");
        String survivor = awaitConversations(practice.id(), 2).get(1);
        call(post("/api/v1/inbox/conversations/" + survivor + "/merge"), practice.admin(),
                "{\"conversationId\": \"" + merged + "\"}").andExpect(status().isNoContent());
        resolveLongAgo(survivor);

        mail(patientAddress, token, messageId("answer"), null, null, "Thursday works.");
        awaitMessagesIn(survivor, 4);
        assertThat(awaitConversations(practice.id(), 2)).as("no third conversation").hasSize(2);
        assertThat(jdbc.sql("SELECT status FROM conversation WHERE id = CAST(:c AS uuid)").param("c", survivor)
                .query(String.class).single()).isEqualTo("OPEN");
    }

    @Test
    void aReplyAddressNeverMakesSomeoneElseThePatient() throws Exception {
        mail(patientAddress, office, messageId("question"), null, null, "Is the office open on Presidents Day?");
        String conversation = awaitConversations(practice.id(), 1).get(0);
        reply(conversation, "Yes, 9 to 5.");
        Reply sent = lastReply();

        // A forwarded reply, answered from an address no patient holds: the usual rules file it.
        mail("a.neighbour@elsewhere.example.test", sent.replyTo(), messageId("stranger"), sent.messageId(),
                sent.messageId(), "Who is this? I got this by mistake.");
        String unmatched = awaitConversations(practice.id(), 2).get(1);
        assertThat(messagesIn(conversation)).isEqualTo(2);
        call(get("/api/v1/inbox/conversations?view=needs-matching"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(unmatched));
    }

    @Test
    void aPracticeWithoutAnAddressOfItsOwnRepliesFromTheDeploymentsWithItsSlug() throws Exception {
        TestPractice shared = TestPractices.register(context);
        String slug = jdbc.sql("SELECT slug FROM practice WHERE id = :p").param("p", shared.id().value())
                .query(String.class).single();
        TestPatients.register(context, shared.id(), "en", PreferredChannel.EMAIL, TestPatients.email(patientAddress));
        mail(patientAddress, "inbox+" + slug + "@carerelay.localhost", messageId("question"), null, null,
                "Do you open on Saturdays?");
        String conversation = awaitConversations(shared.id(), 1).get(0);
        call(post("/api/v1/inbox/conversations/" + conversation + "/replies"), shared.admin(),
                "{\"text\": \"Mornings only.\", \"channel\": \"email\"}").andExpect(status().isAccepted());
        String replyTo = jdbc.sql("SELECT d.reply_to FROM delivery d JOIN message m ON m.id = d.message_id "
                        + "WHERE m.practice_id = :p AND m.template_key = 'inbox-reply'")
                .param("p", shared.id().value()).query(String.class).single();
        assertThat(replyTo).matches("no-reply\\+" + slug + "\\+r-[a-z2-7]{26}@carerelay\\.localhost");

        resolveLongAgo(conversation, shared.admin());
        mail(patientAddress, replyTo, messageId("answer"), null, null, "Thank you.");
        awaitMessagesIn(conversation, 3);
        assertThat(awaitConversations(shared.id(), 1)).containsExactly(conversation);
    }

    @Test
    void anAfterHoursAnswerByEmailThreadsAsAStaffReplyDoes() throws Exception {
        DayOfWeek closedToday = LocalDate.now(ZoneId.of("America/Chicago")).getDayOfWeek().plus(2);
        call(post("/api/v1/locations"), practice.admin(), """
                {"name": "Main", "address": {"line1": "1 Main St", "city": "Chicago", "region": "IL",
                 "postalCode": "60601", "country": "US"}, "timeZone": "America/Chicago",
                 "businessHours": [{"day": "%s", "opens": "08:00", "closes": "17:00"}]}"""
                .formatted(closedToday.name().toLowerCase())).andExpect(status().isCreated());
        String question = messageId("tonight");
        mail(patientAddress, office, question, null, null, "Can I bring my son to my appointment?");
        String conversation = awaitConversations(practice.id(), 1).get(0);
        awaitMessagesIn(conversation, 2);

        Reply answer = lastReply("inbox-after-hours");
        assertThat(answer.inReplyTo()).isEqualTo(question);
        assertThat(answer.replyTo()).isEqualTo(office.replace("@", "+r-" + jdbc.sql(
                "SELECT reply_token FROM conversation WHERE id = CAST(:c AS uuid)").param("c", conversation)
                .query(String.class).single() + "@"));
    }

    /** A reply as the hub stored it: its delivery's Message-ID, threading headers and reply address. */
    private record Reply(UUID delivery, String messageId, String inReplyTo, String references, String replyTo) {
    }

    private Reply lastReply() {
        return lastReply(ConversationReplies.TEMPLATE);
    }

    private Reply lastReply(String template) {
        Map<String, Object> params = Map.of("p", practice.id().value(), "template", template);
        String latest = """
                SELECT d.* FROM delivery d JOIN message m ON m.id = d.message_id
                WHERE m.practice_id = :p AND m.template_key = :template ORDER BY d.created_at DESC LIMIT 1""";
        return jdbc.sql(latest).params(params)
                .query((rs, n) -> new Reply(rs.getObject("id", UUID.class), rs.getString("email_message_id"),
                        SealedDeliveries.single(context, "in_reply_to", latest, params),
                        SealedDeliveries.single(context, "email_references", latest, params),
                        rs.getString("reply_to")))
                .single();
    }

    private void reply(String conversation, String text) throws Exception {
        call(post("/api/v1/inbox/conversations/" + conversation + "/replies"), practice.admin(),
                "{\"text\": \"" + text + "\", \"channel\": \"email\"}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.deliveries[0].channel").value("email"));
    }

    /** Staff resolved the conversation, and its last message is far outside the thread window. */
    private void resolveLongAgo(String conversation) throws Exception {
        resolveLongAgo(conversation, practice.admin());
    }

    private void resolveLongAgo(String conversation, String bearer) throws Exception {
        call(post("/api/v1/inbox/conversations/" + conversation + "/resolution"), bearer, null)
                .andExpect(status().isNoContent());
        jdbc.sql("UPDATE conversation SET last_message_at = now() - interval '60 days' WHERE id = CAST(:c AS uuid)")
                .param("c", conversation).update();
    }

    private static String messageId(String name) {
        return "<" + name + "-" + UUID.randomUUID() + "@mail.patient.example.test>";
    }

    /** Posts a synthetic e-mail to the inbound webhook, as a mail relay does. */
    private void mail(String from, String to, String messageId, String inReplyTo, String references, String text)
            throws Exception {
        StringBuilder source = new StringBuilder()
                .append("From: Ana Lopez <").append(from).append(">\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Subject: Re: your message\r\n")
                .append("Date: Tue, 3 Mar 2026 10:15:00 -0600\r\n")
                .append("Message-ID: ").append(messageId).append("\r\n");
        if (inReplyTo != null) {
            source.append("In-Reply-To: ").append(inReplyTo).append("\r\n");
        }
        if (references != null) {
            source.append("References: ").append(references).append("\r\n");
        }
        source.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").append(text)
                .append("\r\n");
        mvc.perform(post("/webhooks/email/inbound").contentType("message/rfc822")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IntegrationTest.INBOUND_EMAIL_TOKEN)
                        .content(source.toString().getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isAccepted());
    }

    private List<String> awaitConversations(PracticeId of, int expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM conversation "
                + "WHERE practice_id = :p").param("p", of.value()).query(Long.class).single() == expected);
        return jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p ORDER BY created_at")
                .param("p", of.value()).query(String.class).list();
    }

    private void awaitMessagesIn(String conversation, int expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(conversation) == expected);
    }

    private long messagesIn(String conversation) {
        return jdbc.sql("SELECT count(*) FROM inbox_message WHERE conversation_id = CAST(:c AS uuid)")
                .param("c", conversation).query(Long.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("p", practice.id().value()).query(Long.class).single();
    }

    private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
        return call(request, practice.admin(), null);
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String bearer, String body) throws Exception {
        request.header(HttpHeaders.AUTHORIZATION, bearer);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }
}
