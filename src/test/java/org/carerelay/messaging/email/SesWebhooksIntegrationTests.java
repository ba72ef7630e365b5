package org.carerelay.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.SharedTestData;
import org.carerelay.SignedSnsMessages;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.messaging.template.DefaultTemplates;
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
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * SES events as Amazon SNS delivers them: real SES notification bodies from ../shared/testdata, wrapped in SNS
 * messages signed exactly as SNS signs them, with a key this test trusts in place of Amazon's certificate.
 */
@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/ses-events-${random.uuid}",
        "carerelay.demo.enabled=false",
        "carerelay.messaging.dispatch.enabled=false",
        "carerelay.aws.sns-topic-arns=arn:aws:sns:us-east-1:123456789012:ses-events"})
@AutoConfigureMockMvc
@Import(SignedSnsMessages.TrustedKey.class)
class SesWebhooksIntegrationTests {

    static final KeyPair SNS_KEY = SignedSnsMessages.SNS_KEY;
    static final KeyPair OTHER_KEY = SignedSnsMessages.OTHER_KEY;

    @MockitoBean
    SnsSubscriptions subscriptions;

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    Messages messages;
    @Autowired
    JdbcClient jdbc;

    TestPractice practice;
    String sesMessageId;
    UUID delivery;

    @BeforeEach
    void sentThroughSes() {
        practice = TestPractices.register(context);
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email("jane@example.com"));
        var message = messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.EMAIL, "appointment-reminder", DefaultTemplates.sample("appointment-reminder"), Purpose.CARE,
                null, null));
        delivery = message.deliveries().get(0).id().value();
        sesMessageId = "0100" + UUID.randomUUID().toString().replace("-", "") + "-000000";
        jdbc.sql("UPDATE delivery SET status = 'SENT', provider = 'ses', provider_message_id = :sid WHERE id = :id")
                .param("sid", sesMessageId).param("id", delivery).update();
    }

    @Test
    void aPermanentBounceBouncesTheDeliveryAndSuppressesTheAddresses() throws Exception {
        notify("ses-notifications/notifications/bounce-notification-without-a-dsn.json", SNS_KEY)
                .andExpect(status().isOk());

        assertThat(deliveryStatus()).isEqualTo("BOUNCED ses-bounce-General");
        assertThat(suppressed()).as("only the address this delivery went to").containsExactly("jane@example.com:bounce");
    }

    @Test
    void aComplaintSuppressesTheAddressAndDeliveryEventsDeliver() throws Exception {
        // The sample complaint is about richard@example.com: make him this delivery's recipient.
        jdbc.sql("UPDATE delivery SET recipient = 'richard@example.com' WHERE id = :id").param("id", delivery).update();
        notify("ses-notifications/notifications/complaint-notification-with-a-feedback-report.json", SNS_KEY)
                .andExpect(status().isOk());
        assertThat(suppressed()).containsExactly("richard@example.com:complaint");

        notify("ses-notifications/event-publishing/delivery-record.json", SNS_KEY).andExpect(status().isOk());
        assertThat(deliveryStatus()).startsWith("DELIVERED");
    }

    @Test
    void mailSentThroughSesSmtpIsFoundByItsDeliveryHeader() throws Exception {
        // Handed to SES's SMTP interface: CareRelay knows the Message-ID it wrote, not the id SES gives the mail.
        jdbc.sql("UPDATE delivery SET provider = 'smtp', provider_message_id = :mid WHERE id = :id")
                .param("mid", "<" + UUID.randomUUID() + "@carerelay.localhost>").param("id", delivery).update();
        String event = Files.readString(SharedTestData.file("ses-notifications/event-publishing/delivery-record.json"),
                StandardCharsets.UTF_8)
                .replace("\"headers\": [", "\"headers\": [{\"name\": \"X-CareRelay-Delivery\", \"value\": \""
                        + delivery + "\"}, ");
        assertThat(event).contains("X-CareRelay-Delivery");
        deliver(SignedSnsMessages.notification("arn:aws:sns:us-east-1:123456789012:ses-events", event,
                java.time.Instant.now(), SNS_KEY)).andExpect(status().isOk());
        assertThat(deliveryStatus()).startsWith("DELIVERED");
    }

    @Test
    void aForgedStrangeOrOldMessageChangesNothing() throws Exception {
        notify("ses-notifications/notifications/bounce-notification-without-a-dsn.json", OTHER_KEY)
                .andExpect(status().isForbidden());
        notify("ses-notifications/notifications/bounce-notification-without-a-dsn.json", SNS_KEY,
                "arn:aws:sns:us-east-1:999999999999:someone-elses-topic", java.time.Instant.now())
                .andExpect(status().isForbidden());
        notify("ses-notifications/notifications/bounce-notification-without-a-dsn.json", SNS_KEY,
                "arn:aws:sns:us-east-1:123456789012:ses-events", java.time.Instant.now().minusSeconds(7200))
                .andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/webhooks/ses")
                        .contentType(MediaType.TEXT_PLAIN).content("{\"TopicArn\": {}, \"SigningCertURL\": []}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/webhooks/ses").contentType(MediaType.TEXT_PLAIN).content("{not json"))
                .andExpect(status().isBadRequest());
        assertThat(deliveryStatus()).startsWith("SENT");
        assertThat(suppressed()).isEmpty();
    }

    @Test
    void confirmsASubscription() throws Exception {
        when(subscriptions.confirm(any())).thenReturn(true);
        Map<String, String> confirmation = new LinkedHashMap<>();
        confirmation.put("Type", "SubscriptionConfirmation");
        confirmation.put("MessageId", UUID.randomUUID().toString());
        confirmation.put("Token", "2336412f37fb687f");
        confirmation.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:ses-events");
        confirmation.put("Message", "You have chosen to subscribe to the topic.");
        confirmation.put("SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=2336");
        confirmation.put("Timestamp", java.time.Instant.now().toString());
        deliver(signed(confirmation, SNS_KEY)).andExpect(status().isOk());
        verify(subscriptions).confirm(URI.create(confirmation.get("SubscribeURL")));
    }

    @Test
    void anEmailReceivedBySesReachesThePracticeThroughSns() throws Exception {
        String address = "office-" + UUID.randomUUID() + "@clinic.example.test";
        org.carerelay.TestPractices.store(context, practice.id(), "email.sender-address", address);
        byte[] mime = SharedTestData.mailTo("talon/gmail.eml", address);
        String receipt = """
                {"notificationType": "Received", "mail": {"messageId": "%s", "destination": ["%s"]},
                 "receipt": {"action": {"type": "SNS", "encoding": "BASE64"}}, "content": "%s"}"""
                .formatted("ses-" + UUID.randomUUID(), address,
                        java.util.Base64.getEncoder().encodeToString(mime));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/webhooks/email/inbound")
                        .contentType(MediaType.TEXT_PLAIN).content(SignedSnsMessages.notification(
                                "arn:aws:sns:us-east-1:123456789012:ses-events", receipt, java.time.Instant.now(),
                                SNS_KEY)))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT sender || ' ' || provider FROM inbound_message WHERE practice_id = :p")
                .param("p", practice.id().value()).query(String.class).list()).containsExactly("xxx@gmail.com ses");

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/webhooks/email/inbound")
                        .contentType(MediaType.TEXT_PLAIN).content(SignedSnsMessages.notification(
                                "arn:aws:sns:us-east-1:123456789012:ses-events", receipt, java.time.Instant.now(),
                                OTHER_KEY)))
                .andExpect(status().isForbidden());
    }

    private ResultActions notify(String sesEventFile, KeyPair key) throws Exception {
        return notify(sesEventFile, key, "arn:aws:sns:us-east-1:123456789012:ses-events", java.time.Instant.now());
    }

    private ResultActions notify(String sesEventFile, KeyPair key, String topic, java.time.Instant at) throws Exception {
        String event = Files.readString(SharedTestData.file(sesEventFile), StandardCharsets.UTF_8)
                .replaceAll("\"messageId\"\\s*:\\s*\"[^\"]+\"", "\"messageId\": \"" + sesMessageId + "\"");
        return deliver(SignedSnsMessages.notification(topic, event, at, key));
    }

    private ResultActions deliver(String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/webhooks/ses")
                .contentType(MediaType.TEXT_PLAIN).content(body));
    }

    private String signed(Map<String, String> fields, KeyPair key) {
        return SignedSnsMessages.signed(fields, key);
    }

    private String deliveryStatus() {
        return jdbc.sql("SELECT status || ' ' || coalesce(reason, '') FROM delivery WHERE id = :id")
                .param("id", delivery).query(String.class).single().trim();
    }

    private List<String> suppressed() {
        return jdbc.sql("SELECT address || ':' || reason FROM suppression WHERE practice_id = :p")
                .param("p", practice.id().value()).query(String.class).list();
    }
}
