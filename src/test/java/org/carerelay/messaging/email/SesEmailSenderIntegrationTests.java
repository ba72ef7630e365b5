package org.carerelay.messaging.email;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.carerelay.FakeAwsEndpoint;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Delivery;
import org.carerelay.messaging.EmailThreads;
import org.carerelay.messaging.Message;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.ReplyThreading;
import org.carerelay.messaging.SendRequest;
import org.carerelay.messaging.dispatch.DispatchWorker;
import org.carerelay.messaging.inbound.InboundEmails;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Email through the SES v2 adapter (AWS SDK) to a WireMock stub of the SES API. */
@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/ses-${random.uuid}",
        "carerelay.demo.enabled=false",
        "carerelay.messaging.dispatch.enabled=false",
        "carerelay.settings.fallback.email-provider=ses",
        "carerelay.aws.ses-configuration-set=carerelay-events"})
class SesEmailSenderIntegrationTests {

    static final WireMockServer ses = FakeAwsEndpoint.start();
    static final String SEND = "/v2/email/outbound-emails";


    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("carerelay.aws.endpoint", ses::baseUrl);
    }

    @AfterAll
    static void stop() {
        ses.stop();
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    Messages messages;
    @Autowired
    DispatchWorker worker;

    TestPractice practice;
    Patient patient;

    @BeforeEach
    void setUp() {
        ses.resetAll();
        practice = TestPractices.register(context);
        patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email("ana.lopez@example.test"));
    }

    @Test
    void sendsTextAndHtmlWithTheDeliveryHeaderAndKeepsTheSesMessageId() {
        ses.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"MessageId\": \"0100019340f1a2b3-4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f-000000\"}")));

        Delivery delivery = sendAndDispatch();

        ses.verify(postRequestedFor(urlEqualTo(SEND))
                .withHeader("Authorization", containing("AWS4-HMAC-SHA256"))
                .withRequestBody(matchingJsonPath("$.FromEmailAddress", containing("Test Practice")))
                .withRequestBody(matchingJsonPath("$.Destination.ToAddresses[0]", containing("ana.lopez@example.test")))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Subject.Data", containing("Reminder")))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Body.Text.Data", containing("Hello Ana")))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Body.Html.Data", containing("<html")))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Headers[0].Name", containing("X-CareRelay-Delivery")))
                .withRequestBody(matchingJsonPath("$.ConfigurationSetName", containing("carerelay-events"))));
        assertThat(delivery.status().name()).isEqualTo("SENT");
        assertThat(delivery.provider()).isEqualTo("ses");
        assertThat(delivery.providerMessageId()).startsWith("0100019340f1a2b3");
    }

    @Test
    void marketingEmailCarriesListUnsubscribeWithOneClick() {
        ses.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"MessageId\": \"m-1\"}")));
        Patient reader = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                new org.carerelay.practice.NewContactPoint(org.carerelay.practice.ContactSystem.EMAIL,
                        "reader@example.test", true, java.util.Map.of(org.carerelay.practice.ConsentPurpose.EMAIL, true,
                        org.carerelay.practice.ConsentPurpose.MARKETING_EMAIL, true),
                        org.carerelay.practice.ConsentSource.WRITTEN_FORM));
        messages.send(practice.id(), Actor.system("test"), new SendRequest(reader.id(), null, Channel.EMAIL,
                "new-secure-message", DefaultTemplates.sample("new-secure-message"), Purpose.MARKETING, null, null));
        worker.dispatchDue();

        ses.verify(postRequestedFor(urlEqualTo(SEND))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Headers[?(@.Name == 'List-Unsubscribe')].Value",
                        containing("/unsubscribe/")))
                .withRequestBody(matchingJsonPath(
                        "$.Content.Simple.Headers[?(@.Name == 'List-Unsubscribe-Post')].Value",
                        containing("List-Unsubscribe=One-Click"))));
    }

    @Test
    void aRejectedMessageFailsWithSesErrorCodeAndThrottlingIsRetried() {
        ses.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "MessageRejected")
                .withBody("{\"message\": \"Email address is not verified.\"}")));
        Delivery rejected = sendAndDispatch();
        assertThat(rejected.status().name()).isEqualTo("FAILED");
        assertThat(rejected.reason()).isEqualTo("ses-MessageRejected");

        ses.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                .withBody("{\"message\": \"Maximum sending rate exceeded.\"}")));
        Delivery throttled = sendAndDispatch();
        assertThat(throttled.status().name()).isEqualTo("QUEUED");
        assertThat(throttled.reason()).isEqualTo("retry:ses-TooManyRequestsException");
    }

    @Test
    void aReplyCarriesItsThreadAndReplyAddressAndAnAnswerToTheMessageIdSesGaveIsKnown() {
        ses.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"MessageId\": \"010001934aa1b2c3-5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f-000000\"}")));
        String office = "office-" + UUID.randomUUID() + "@clinic.example.test";
        TestPractices.store(context, practice.id(), "email.sender-address", office);
        UUID question = receive("From: ana.lopez@example.test", "To: " + office, "Subject: Parking",
                "Message-ID: <question-1@example.test>", "", "Where do I park?");
        String token = ReplyThreading.newToken();

        Message reply = messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.EMAIL, "inbox-reply", Map.of("text", "Behind the building.", "staffName", "Sam"),
                Purpose.TRANSACTIONAL, null, null, true, new ReplyThreading(question, token)));
        worker.dispatchDue();

        ses.verify(postRequestedFor(urlEqualTo(SEND))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Headers[?(@.Name == 'In-Reply-To')].Value",
                        containing("<question-1@example.test>")))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Headers[?(@.Name == 'References')].Value",
                        containing("<question-1@example.test>")))
                .withRequestBody(matchingJsonPath("$.ReplyToAddresses[0]",
                        containing(office.replace("@", "+r-" + token + "@")))));
        assertThat(ses.findAll(postRequestedFor(urlEqualTo(SEND))).get(0).getBodyAsString())
                .as("SES sets the Message-ID itself").doesNotContain("Message-ID");

        UUID answer = receive("From: ana.lopez@example.test", "To: " + office, "Subject: Re: Parking",
                "Message-ID: <answer-2@example.test>",
                "In-Reply-To: <010001934aa1b2c3-5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f-000000@email.amazonses.com>",
                "", "Thanks!");
        assertThat(context.getBean(EmailThreads.class).of(practice.id(), answer).answers())
                .containsExactly(reply.id());
    }

    /** An e-mail from the patient, as the inbound webhook takes it; its inbound message's id. */
    private UUID receive(String... lines) {
        context.getBean(InboundEmails.class).receive((String.join("\r\n", lines) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII), "email", null);
        return context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT id FROM inbound_message WHERE practice_id = :p ORDER BY received_at DESC, id LIMIT 1")
                .param("p", practice.id().value()).query(UUID.class).single();
    }

    private Delivery sendAndDispatch() {
        var message = messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.EMAIL, "appointment-reminder", DefaultTemplates.sample("appointment-reminder"), Purpose.CARE,
                null, null));
        worker.dispatchDue();
        return messages.find(practice.id(), message.id()).deliveries().get(0);
    }
}
