package org.carerelay.messaging.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import org.carerelay.FakeAwsEndpoint;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Delivery;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.messaging.dispatch.DispatchWorker;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** SMS through the End User Messaging adapter (AWS SDK) to a WireMock stub of its JSON 1.0 API. */
@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/eum-${random.uuid}",
        "carerelay.demo.enabled=false",
        "carerelay.messaging.dispatch.enabled=false",
        // No quiet hours unless a test sets its own: texts are due now whatever the time of the run.
        "carerelay.settings.fallback.quiet-hours-start=00:00",
        "carerelay.settings.fallback.quiet-hours-end=00:00",
        "carerelay.settings.fallback.sms-provider=end-user-messaging",
        "carerelay.settings.fallback.sms-origination-number=+13125550100",
        "carerelay.settings.fallback.sms-rate-per-second=0"})
class EndUserMessagingSmsSenderIntegrationTests {

    static final WireMockServer eum = FakeAwsEndpoint.start();


    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("carerelay.aws.endpoint", eum::baseUrl);
    }

    @AfterAll
    static void stop() {
        eum.stop();
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    Messages messages;
    @Autowired
    DispatchWorker worker;
    @Autowired
    JdbcClient jdbc;

    TestPractice practice;
    Patient patient;

    @BeforeEach
    void setUp() {
        eum.resetAll();
        practice = TestPractices.register(context);
        patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone("312-555-0142", Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
    }

    @Test
    void sendsATransactionalTextFromThePracticesNumber() {
        eum.stubFor(sendText().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"MessageId\": \"b7e3a9c2-0f4d-4e5a-9c1b-3d2e1f0a9b8c\"}")));

        Delivery delivery = sendAndDispatch();

        eum.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("PinpointSMSVoiceV2.SendTextMessage"))
                .withHeader("Authorization", containing("AWS4-HMAC-SHA256"))
                .withRequestBody(matchingJsonPath("$.DestinationPhoneNumber", equalTo("+13125550142")))
                .withRequestBody(matchingJsonPath("$.OriginationIdentity", equalTo("+13125550100")))
                .withRequestBody(matchingJsonPath("$.MessageType", equalTo("TRANSACTIONAL")))
                .withRequestBody(matchingJsonPath("$.MessageBody", containing("Test Practice")))
                .withRequestBody(matchingJsonPath("$.Context.delivery", equalTo(delivery.id().toString()))));
        assertThat(delivery.status().name()).isEqualTo("SENT");
        assertThat(delivery.providerMessageId()).isEqualTo("b7e3a9c2-0f4d-4e5a-9c1b-3d2e1f0a9b8c");
    }

    @Test
    void anOptedOutNumberFailsAndIsSuppressedAndThrottlingIsRetried() {
        eum.stubFor(sendText().willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\": \"ConflictException\", \"Message\": \"The destination phone number is opted out\", "
                        + "\"Reason\": \"DESTINATION_PHONE_NUMBER_OPTED_OUT\", \"ResourceType\": \"opt-out-list\", "
                        + "\"ResourceId\": \"Default\"}")));
        Delivery optedOut = sendAndDispatch();
        assertThat(optedOut.status().name()).isEqualTo("FAILED");
        assertThat(optedOut.reason()).isEqualTo("eum-opted-out");
        assertThat(jdbc.sql("SELECT reason FROM suppression WHERE practice_id = :p").param("p", practice.id().value())
                .query(String.class).single()).isEqualTo("carrier-opt-out");

        jdbc.sql("DELETE FROM suppression WHERE practice_id = :p").param("p", practice.id().value()).update();
        eum.stubFor(sendText().willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\": \"ThrottlingException\", \"Message\": \"Rate exceeded\"}")));
        Delivery throttled = sendAndDispatch();
        assertThat(throttled.status().name()).isEqualTo("QUEUED");
        assertThat(throttled.reason()).isEqualTo("retry:eum-ThrottlingException");
    }

    private static MappingBuilder sendText() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("PinpointSMSVoiceV2.SendTextMessage"));
    }

    private Delivery sendAndDispatch() {
        var message = messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.SMS, "appointment-confirmation", DefaultTemplates.sample("appointment-confirmation"),
                Purpose.TRANSACTIONAL, null, null));
        worker.dispatchDue();
        return messages.find(practice.id(), message.id()).deliveries().get(0);
    }
}
