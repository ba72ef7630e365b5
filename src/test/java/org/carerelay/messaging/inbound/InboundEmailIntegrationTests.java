package org.carerelay.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.SharedTestData;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Real MIME messages posted to /webhooks/email/inbound, as a mail relay posts them. */
@IntegrationTest
class InboundEmailIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    TestPractice practice;
    String practiceAddress;

    @BeforeEach
    void aPracticeReceivingMail() {
        practice = TestPractices.register(context);
        practiceAddress = "office-" + UUID.randomUUID() + "@clinic.example.test";
        TestPractices.store(context, practice.id(), "email.sender-address", practiceAddress);
    }

    @Test
    void aPatientsReplyReachesTheInboxWithoutItsQuotedHistoryAndIsKeptWhole() throws Exception {
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email("xxx@gmail.com"));
        byte[] gmail = addressedToPractice("talon/gmail.eml");

        post(gmail, "Bearer " + IntegrationTest.INBOUND_EMAIL_TOKEN).andExpect(status().isAccepted());
        post(gmail, "Bearer " + IntegrationTest.INBOUND_EMAIL_TOKEN).andExpect(status().isOk()); // delivered twice

        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM inbox_message m "
                + "JOIN conversation c ON c.id = m.conversation_id WHERE c.practice_id = :p") == 1);
        String conversation = jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p AND patient_id = :pt")
                .param("p", practice.id().value()).param("pt", patient.id().value()).query(String.class).single();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/api/v1/inbox/conversations/" + conversation)
                        .header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(jsonPath("$.summary.channel").value("EMAIL"))
                .andExpect(jsonPath("$.messages[0].text").value("Hello"));
        String raw = jdbc.sql("SELECT raw FROM inbound_message WHERE practice_id = :p")
                .param("p", practice.id().value()).query(String.class).single();
        assertThat(raw).startsWith("enc:v1:");
        assertThat(count("SELECT count(*) FROM inbound_message WHERE practice_id = :p")).isEqualTo(1);
    }

    @Test
    void attachmentsAreKeptSealedAndAnAddressByPracticeSlugRoutesToo() throws Exception {
        String slug = jdbc.sql("SELECT slug FROM practice WHERE id = :p").param("p", practice.id().value())
                .query(String.class).single();
        byte[] addressed = SharedTestData.mailTo("flanker/iphone.eml", "inbox+" + slug + "@carerelay.example.test");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("relay:" + IntegrationTest.INBOUND_EMAIL_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        post(addressed, basic).andExpect(status().isAccepted());

        assertThat(jdbc.sql("SELECT content_type || ' ' || (size_bytes > 1000) || ' ' || left(content, 7) "
                        + "FROM inbound_attachment WHERE practice_id = :p")
                .param("p", practice.id().value()).query(String.class).list())
                .containsExactly("image/jpeg true enc:v1:");

        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM inbox_message "
                + "WHERE practice_id = :p") == 1);
        String conversation = jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p")
                .param("p", practice.id().value()).query(String.class).single();
        String staff = practice.bearer(StaffRole.CLINICAL_STAFF);
        String body = mvc.perform(get("/api/v1/inbox/conversations/" + conversation)
                        .header(HttpHeaders.AUTHORIZATION, staff))
                .andExpect(jsonPath("$.messages[0].attachments[0].filename").value("photo.JPG"))
                .andExpect(jsonPath("$.messages[0].attachments[0].contentType").value("image/jpeg"))
                .andReturn().getResponse().getContentAsString();
        String attachment = JsonPath.read(body, "$.messages[0].attachments[0].id");

        byte[] downloaded = mvc.perform(get("/api/v1/inbox/attachments/" + attachment)
                        .header(HttpHeaders.AUTHORIZATION, staff))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, startsWith("attachment;")))
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "image/jpeg"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(downloaded).isEqualTo(EmailParser.parse(addressed).attachments().get(0).content());
        AuditTrail.chain(context);
        assertThat(count("SELECT count(*) FROM audit_event WHERE practice_id = :p "
                + "AND action = 'phi.attachment.viewed'")).isEqualTo(1);

        mvc.perform(get("/api/v1/inbox/attachments/" + attachment)
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.READ_ONLY)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/inbox/attachments/" + UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, staff))
                .andExpect(status().isNotFound());
        TestPractice other = TestPractices.register(context);
        mvc.perform(get("/api/v1/inbox/attachments/" + attachment).header(HttpHeaders.AUTHORIZATION, other.admin()))
                .andExpect(status().isNotFound());
    }

    @Test
    void oneEmailSentToTwoPracticesIsKeptByEach() throws Exception {
        TestPractice other = TestPractices.register(context);
        String otherAddress = "office-" + UUID.randomUUID() + "@clinic.example.test";
        TestPractices.store(context, other.id(), "email.sender-address", otherAddress);
        byte[] gmail = addressedToPractice("talon/gmail.eml");
        String bearer = "Bearer " + IntegrationTest.INBOUND_EMAIL_TOKEN;

        post(gmail, bearer).andExpect(status().isAccepted());
        post(new String(gmail, StandardCharsets.ISO_8859_1).replace(practiceAddress, otherAddress)
                .getBytes(StandardCharsets.ISO_8859_1), bearer).andExpect(status().isAccepted());

        assertThat(jdbc.sql("SELECT count(*) FROM inbound_message WHERE practice_id IN (:a, :b)")
                .param("a", practice.id().value()).param("b", other.id().value()).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void forgedOrMalformedPostsAreRefusedAndKeepNothing() throws Exception {
        byte[] gmail = addressedToPractice("talon/gmail.eml");
        post(gmail, null).andExpect(status().isForbidden());
        post(gmail, "Bearer wrong-token").andExpect(status().isForbidden());
        post("no headers, no message".getBytes(StandardCharsets.UTF_8),
                "Bearer " + IntegrationTest.INBOUND_EMAIL_TOKEN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        post(new byte[0], "Bearer " + IntegrationTest.INBOUND_EMAIL_TOKEN).andExpect(status().isBadRequest());
        assertThat(count("SELECT count(*) FROM inbound_message WHERE practice_id = :p")).isZero();
    }

    @Test
    void aMessageOverTheSizeCapIsRefusedWholeAndKeepsNothing() throws Exception {
        byte[] gmail = addressedToPractice("talon/gmail.eml");
        byte[] huge = java.util.Arrays.copyOf(gmail, 40 * 1024 * 1024 + 1); // padded past the 40 MB default
        post(huge, "Bearer " + IntegrationTest.INBOUND_EMAIL_TOKEN)
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("https://carerelay.org/problems/too-large"));
        assertThat(count("SELECT count(*) FROM inbound_message WHERE practice_id = :p")).isZero();
    }

    private byte[] addressedToPractice(String sample) throws Exception {
        return SharedTestData.mailTo(sample, practiceAddress);
    }

    private ResultActions post(byte[] source, String authorization) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/webhooks/email/inbound").contentType("message/rfc822").content(source);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return mvc.perform(request);
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("p", practice.id().value()).query(Long.class).single();
    }
}
