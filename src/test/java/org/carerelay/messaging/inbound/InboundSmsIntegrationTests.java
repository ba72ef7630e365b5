package org.carerelay.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;


import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.TwilioRequests;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.DeliveryStatus;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Texts arriving through Twilio's webhook, signed as Twilio signs them. */
@IntegrationTest
class InboundSmsIntegrationTests {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String FAMILY_PHONE = "+13125550177";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    Messages messages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PhiCipher cipher;

    TestPractice practice;
    String practiceNumber;
    Patient mother;
    Patient son;

    @BeforeEach
    void setUp() {
        practice = TestPractices.register(context);
        // Ten million numbers to draw from: practices of other test classes share this database.
        practiceNumber = "+1773" + (2_000_000 + ThreadLocalRandom.current().nextInt(8_000_000));
        setting("sms.origination-number", practiceNumber);
        setting("webhook.twilio.auth-token", TOKEN);
        mother = familyMember();
        son = familyMember();
    }

    @Test
    void stopOptsOutEveryoneOnTheNumberAndConfirmsOnce() throws Exception {
        text("Stop.", "SM1").andExpect(status().isOk());

        for (Patient patient : List.of(mother, son)) {
            assertThat(jdbc.sql("SELECT purpose || ':' || granted || ':' || source FROM consent_change c "
                            + "JOIN contact_point p ON p.id = c.contact_point_id WHERE p.patient_id = :patient "
                            + "ORDER BY c.id DESC LIMIT 2")
                    .param("patient", patient.id().value()).query(String.class).list())
                    .containsExactlyInAnyOrder("TRANSACTIONAL_SMS:false:SMS_KEYWORD", "MARKETING_SMS:false:SMS_KEYWORD");
        }
        assertThat(replies()).containsExactly("Test Practice: you are unsubscribed and will get no more texts "
                + "from us. Reply START to subscribe again.");

        text("STOP", "SM1").andExpect(status().isOk()); // Twilio retrying the same webhook
        assertThat(replies()).hasSize(1);

        assertThat(sms(mother, Purpose.CARE)).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(sms(mother, Purpose.SECURITY)).isEqualTo(DeliveryStatus.QUEUED);
    }

    @Test
    void stopAlsoHoldsBackWhatWasAlreadyWaiting() throws Exception {
        var waiting = messages.send(practice.id(), Actor.system("test"), new SendRequest(son.id(), null, Channel.SMS,
                "new-secure-message", DefaultTemplates.sample("new-secure-message"), Purpose.CARE, null,
                java.time.Instant.now().plus(java.time.Duration.ofDays(1)))).deliveries().get(0);
        assertThat(waiting.status()).isIn(DeliveryStatus.QUEUED, DeliveryStatus.DEFERRED);

        text("STOP", "SM7").andExpect(status().isOk());

        assertThat(jdbc.sql("SELECT status || ' ' || reason FROM delivery WHERE id = :id")
                .param("id", waiting.id().value()).query(String.class).single()).isEqualTo("SUPPRESSED sms-opted-out");
    }

    @Test
    void startOptsBackInAndHelpExplains() throws Exception {
        text("stop", "SM2");
        text("START", "SM3").andExpect(status().isOk());

        assertThat(sms(son, Purpose.CARE)).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(jdbc.sql("SELECT count(*) FROM suppression WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Long.class).single()).isZero();

        text("help", "SM4");
        assertThat(replies()).last().asString()
                .contains("Test Practice", "Msg frequency varies", "Msg & data rates may apply", "Reply STOP");
    }

    @Test
    void anyOtherTextIsKeptForTheInbox() throws Exception {
        text("Can I move my appointment to Friday?", "SM5").andExpect(status().isOk())
                // the webhooks' own filter chain: the same security headers, and no session for a vendor
                .andExpect(header().exists("Content-Security-Policy"))
                .andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
        assertThat(jdbc.sql("SELECT id, sender, body FROM inbound_message WHERE practice_id = :p AND NOT keyword")
                .param("p", practice.id().value())
                .query((rs, n) -> rs.getString("sender") + " "
                        + cipher.open(rs.getString("body"), "inbound_message.body:" + rs.getString("id")))
                .single())
                .isEqualTo(FAMILY_PHONE + " Can I move my appointment to Friday?");
        assertThat(replies()).isEmpty();
    }

    @Test
    void aForgedWebhookIsRefusedAndChangesNothing() throws Exception {
        Map<String, String> params = params("STOP", "SM6");
        mvc.perform(post("/webhooks/twilio/sms").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(TwilioRequests.form(params)).header("X-Twilio-Signature", sign("wrong-token", params)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/webhooks/twilio/sms").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(TwilioRequests.form(params)))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("SELECT count(*) FROM consent_change c JOIN contact_point p ON p.id = c.contact_point_id "
                        + "WHERE p.practice_id = :p AND c.source = 'SMS_KEYWORD'")
                .param("p", practice.id().value()).query(Long.class).single()).isZero();
    }

    @Test
    void aNumberTwoPracticesSendFromFilesEachTextWithThePracticeThatKnowsItsSenderAndAStopStopsBoth()
            throws Exception {
        TestPractice second = TestPractices.register(context);
        TestPractices.store(context, second.id(), "sms.origination-number", practiceNumber);
        TestPractices.store(context, second.id(), "webhook.twilio.auth-token", TOKEN);
        Patient theirs = TestPatients.register(context, second.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(FAMILY_PHONE, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        String onlyTheirs = "+1312" + (2_000_000 + ThreadLocalRandom.current().nextInt(8_000_000));
        TestPatients.register(context, second.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(onlyTheirs, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));

        Map<String, String> question = Map.of("From", onlyTheirs, "To", practiceNumber, "Body",
                "Is the office open Saturday?", "MessageSid", "SM7" + practice.id(),
                "AccountSid", "AC00000000000000000000000000000000");
        mvc.perform(post("/webhooks/twilio/sms").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(TwilioRequests.form(question)).header("X-Twilio-Signature", sign(TOKEN, question)))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT practice_id FROM inbound_message WHERE provider_message_id = :sid")
                .param("sid", "SM7" + practice.id()).query(UUID.class).single()).isEqualTo(second.id().value());

        text("STOP", "SM8").andExpect(status().isOk()); // the sender is known to both: filed with the first
        for (TestPractice each : List.of(practice, second)) {
            assertThat(jdbc.sql("SELECT count(*) FROM suppression WHERE practice_id = :p AND address = :phone")
                    .param("p", each.id().value()).param("phone", FAMILY_PHONE).query(Long.class).single())
                    .isEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT c.granted FROM consent_change c JOIN contact_point p "
                        + "ON p.id = c.contact_point_id WHERE p.patient_id = :patient AND c.purpose = 'TRANSACTIONAL_SMS' "
                        + "ORDER BY c.id DESC LIMIT 1")
                .param("patient", theirs.id().value()).query(Boolean.class).single()).isFalse();
        assertThat(replies()).as("one confirmation, from the practice the text was filed with").hasSize(1);
    }

    @Test
    void aSignedTextWithoutItsMessageSidIsRefusedForItCouldNotBeToldFromItsReplays() throws Exception {
        Map<String, String> params = Map.of("From", FAMILY_PHONE, "To", practiceNumber, "Body", "Hello again",
                "AccountSid", "AC00000000000000000000000000000000");
        for (int attempt = 0; attempt < 2; attempt++) {
            mvc.perform(post("/webhooks/twilio/sms").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .content(TwilioRequests.form(params)).header("X-Twilio-Signature", sign(TOKEN, params)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("MessageSid"));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_message WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Long.class).single()).isZero();
    }

    private ResultActions text(String body, String sid) throws Exception {
        Map<String, String> params = params(body, sid);
        return mvc.perform(post("/webhooks/twilio/sms").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(TwilioRequests.form(params)).header("X-Twilio-Signature", sign(TOKEN, params)));
    }

    private Map<String, String> params(String body, String sid) {
        return Map.of("From", FAMILY_PHONE, "To", practiceNumber, "Body", body,
                "MessageSid", sid + practice.id(), "AccountSid", "AC00000000000000000000000000000000");
    }

    private static String sign(String token, Map<String, String> params) throws Exception {
        return TwilioRequests.signature(token, "http://localhost:8080/webhooks/twilio/sms", params);
    }

    private List<String> replies() {
        return org.carerelay.SealedDeliveries.open(context, "body_text", "SELECT d.id, d.body_text FROM delivery d "
                        + "JOIN message m ON m.id = d.message_id "
                        + "WHERE m.practice_id = :p AND m.patient_id IS NULL ORDER BY d.created_at",
                Map.of("p", practice.id().value()));
    }

    private DeliveryStatus sms(Patient patient, Purpose purpose) {
        String key = purpose == Purpose.SECURITY ? "sign-in-link" : "new-secure-message";
        return messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null, Channel.SMS,
                key, DefaultTemplates.sample(key), purpose, null, null)).deliveries().get(0).status();
    }

    private void setting(String key, String value) {
        TestPractices.store(context, practice.id(), key, value);
    }

    private Patient familyMember() {
        return TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(FAMILY_PHONE, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
    }
}
