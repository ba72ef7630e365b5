package org.carerelay.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.SignedSnsMessages;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.messaging.Channel;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * End User Messaging's SMS events and two-way texts, in the shapes its documentation gives, as signed SNS
 * notifications on /webhooks/ses.
 */
@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/eum-events-${random.uuid}",
        "carerelay.demo.enabled=false",
        "carerelay.messaging.dispatch.enabled=false",
        // No quiet hours unless a test sets its own: texts are due now whatever the time of the run.
        "carerelay.settings.fallback.quiet-hours-start=00:00",
        "carerelay.settings.fallback.quiet-hours-end=00:00",
        "carerelay.aws.sns-topic-arns=arn:aws:sns:us-east-1:123456789012:sms-events"})
@AutoConfigureMockMvc
@Import(SignedSnsMessages.TrustedKey.class)
class EndUserMessagingEventsIntegrationTests {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-events";

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
    String phone;
    UUID delivery;
    String messageId;

    @BeforeEach
    void aTextSentThroughEndUserMessaging() {
        practice = TestPractices.register(context);
        // Each test's practice has a number of its own: a number two practices claim belongs to neither.
        practiceNumber = "+1773555" + String.format("%04d", (int) (Math.random() * 10_000));
        TestPractices.store(context, practice.id(), "sms.origination-number", practiceNumber);
        phone = "+1312555" + String.format("%04d", (int) (Math.random() * 10_000));
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        var message = messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.SMS, "appointment-reminder", DefaultTemplates.sample("appointment-reminder"), Purpose.CARE,
                null, null));
        delivery = message.deliveries().get(0).id().value();
        messageId = UUID.randomUUID().toString();
        jdbc.sql("UPDATE delivery SET status = 'SENT', provider = 'end-user-messaging', provider_message_id = :m "
                        + "WHERE id = :id")
                .param("m", messageId).param("id", delivery).update();
    }

    @Test
    void deliveredAndFinalFailuresUpdateTheDeliveryAndPendingChangesNothing() throws Exception {
        notify(event("TEXT_PENDING", false)).andReturn();
        assertThat(status()).isEqualTo("SENT");
        notify(event("TEXT_CARRIER_UNREACHABLE", false)).andReturn();
        assertThat(status()).as("not final yet").isEqualTo("SENT");
        notify(event("TEXT_SUCCESSFUL", true)).andReturn();
        assertThat(status()).isEqualTo("DELIVERED");
    }

    @Test
    void aBlockedTextFailsWithTheEventType() throws Exception {
        notify(event("TEXT_CARRIER_BLOCKED", true)).andReturn();
        assertThat(status()).isEqualTo("FAILED eum-TEXT_CARRIER_BLOCKED");
    }

    @Test
    void anEventForAnUnknownMessageIsAcknowledged() throws Exception {
        messageId = UUID.randomUUID().toString();
        assertThat(notify(event("TEXT_DELIVERED", true)).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void anInboundStopOptsTheNumberOutAndOtherTextsAreKept() throws Exception {
        assertThat(notify(inbound("Stop ", "cae173d2-66b9-564c-8309-" + UUID.randomUUID().toString().substring(24)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT address FROM suppression WHERE practice_id = :p AND channel = 'SMS'")
                .param("p", practice.id().value()).query(String.class).list()).containsExactly(phone);

        String id = UUID.randomUUID().toString();
        notify(inbound("Can I come at 3 instead?", id));
        notify(inbound("Can I come at 3 instead?", id)); // SNS delivers at least once
        List<String> kept = jdbc.sql("SELECT id, body FROM inbound_message WHERE practice_id = :p "
                        + "AND provider_message_id = :id")
                .param("p", practice.id().value()).param("id", id)
                .query((rs, n) -> cipher.open(rs.getString("body"), "inbound_message.body:" + rs.getString("id")))
                .list();
        assertThat(kept).containsExactly("Can I come at 3 instead?");
    }

    @Test
    void aMalformedMessageIsRefused() throws Exception {
        String noMessageId = "{\"eventType\": \"TEXT_DELIVERED\", \"isFinal\": true}";
        assertThat(notify(noMessageId).andReturn().getResponse().getStatus()).isEqualTo(400);
    }

    private String event(String type, boolean isFinal) {
        return """
                {"eventType": "%s", "eventVersion": "1.0", "eventTimestamp": %d, "isFinal": %s,
                 "originationPhoneNumber": "%s", "destinationPhoneNumber": "%s", "isInternationalSend": false,
                 "mcc": "310", "mnc": "800", "messageId": "%s", "messageRequestTimestamp": %d,
                 "messageEncoding": "GSM", "messageType": "TRANSACTIONAL", "messageStatus": "%s",
                 "messageStatusDescription": "test", "totalMessageParts": 1, "totalMessagePrice": 0.00581,
                 "totalCarrierFee": 0.0}""".formatted(type, System.currentTimeMillis(), isFinal, practiceNumber,
                phone, messageId, System.currentTimeMillis() - 500, type.substring(5));
    }

    private String inbound(String body, String id) {
        return """
                {"originationNumber": "%s", "destinationNumber": "%s", "messageKeyword": "KEYWORD_123456789012",
                 "messageBody": "%s", "inboundMessageId": "%s", "previousPublishedMessageId": "%s"}"""
                .formatted(phone, practiceNumber, body, id, messageId);
    }

    private org.springframework.test.web.servlet.ResultActions notify(String message) throws Exception {
        return mvc.perform(post("/webhooks/ses").contentType(MediaType.TEXT_PLAIN)
                .content(SignedSnsMessages.notification(TOPIC, message, Instant.now(), SignedSnsMessages.SNS_KEY)));
    }

    private String status() {
        return jdbc.sql("SELECT status || ' ' || coalesce(reason, '') FROM delivery WHERE id = :id")
                .param("id", delivery).query(String.class).single().trim();
    }
}
