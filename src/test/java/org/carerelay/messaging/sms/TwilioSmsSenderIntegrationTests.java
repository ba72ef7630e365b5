package org.carerelay.messaging.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
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
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SMS through the Twilio adapter to a WireMock stub speaking Twilio's Messages API. */
@AutoConfigureMockMvc
@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/twilio-${random.uuid}",
        "carerelay.demo.enabled=false",
        "carerelay.messaging.dispatch.enabled=false",
        // No quiet hours unless a test sets its own: texts are due now whatever the time of the run.
        "carerelay.settings.fallback.quiet-hours-start=00:00",
        "carerelay.settings.fallback.quiet-hours-end=00:00",
        "carerelay.public-base-url=https://carerelay.example.test"})
class TwilioSmsSenderIntegrationTests {

    static final String ACCOUNT = "AC" + "0123456789abcdef0123456789abcdef";
    static final String TOKEN = "fedcba9876543210fedcba9876543210";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        twilio.start();
    }

    /** The SDK's own HTTP client, sending what it would send to api.twilio.com to the stub instead. */
    @TestConfiguration
    static class StubbedTwilio {

        @Bean
        HttpClient twilioHttpClient() {
            return new SingleAttemptHttpClient() {
                @Override
                public Response makeRequest(Request request) {
                    String url = request.constructURL().toString().replaceFirst("^https://api\\.twilio\\.com",
                            twilio.baseUrl());
                    Request redirected = new Request(request.getMethod(), url);
                    if (request.getAuthStrategy() != null) {
                        redirected.setAuth(request.getAuthStrategy());
                    } else {
                        redirected.setAuth(request.getUsername(), request.getPassword());
                    }
                    redirected.setContentType(request.getContentType());
                    request.getPostParams().forEach((name, values) -> values.forEach(v -> redirected.addPostParam(name, v)));
                    request.getHeaderParams().forEach((name, values) -> values.forEach(v -> redirected.addHeaderParam(name, v)));
                    return super.makeRequest(redirected);
                }
            };
        }
    }

    @AfterAll
    static void stop() {
        twilio.stop();
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
    String number;

    @BeforeEach
    void setUp() {
        twilio.resetAll();
        practice = TestPractices.register(context);
        setting("sms.provider", "twilio");
        setting("twilio.account-sid", ACCOUNT);
        setting("webhook.twilio.auth-token", TOKEN);
        // A number of its own per test: each number has its own rate-limit bucket.
        number = "+1312555" + (1000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(9000));
        setting("sms.origination-number", number);
        patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone("312-555-0142", Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
    }

    @Test
    void postsToTwilioWithTheStatusCallbackAndKeepsTheMessageSid() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(created("SM" + "1".repeat(32)))));

        Delivery delivery = sendAndDispatch();

        twilio.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", containing("Basic "))
                .withRequestBody(containing("To=%2B13125550142"))
                .withRequestBody(containing("From=" + number.replace("+", "%2B")))
                .withRequestBody(containing("StatusCallback=https%3A%2F%2Fcarerelay.example.test%2Fwebhooks%2Ftwilio%2Fstatus"))
                .withRequestBody(containing("Body=Test+Practice")));
        assertThat(delivery.status().name()).isEqualTo("SENT");
        assertThat(delivery.providerMessageId()).isEqualTo("SM" + "1".repeat(32));
    }

    @Test
    void anUnsubscribedRecipientFailsAndIsSuppressed() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\", "
                        + "\"more_info\": \"https://www.twilio.com/docs/errors/21610\", \"status\": 400}")));

        Delivery delivery = sendAndDispatch();

        assertThat(delivery.status().name()).isEqualTo("FAILED");
        assertThat(delivery.reason()).isEqualTo("twilio-21610");
        assertThat(jdbc.sql("SELECT reason FROM suppression WHERE practice_id = :p AND address = '+13125550142'")
                .param("p", practice.id().value()).query(String.class).single()).isEqualTo("carrier-opt-out");
    }

    @Test
    void aTwilioOutageIsRetriedLater() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20500, \"message\": \"Service unavailable\", \"status\": 503}")));

        Delivery delivery = sendAndDispatch();

        assertThat(delivery.status().name()).isEqualTo("QUEUED");
        assertThat(delivery.reason()).isEqualTo("retry:twilio-20500");
        assertThat(delivery.dueAt()).isAfter(java.time.Instant.now().plusSeconds(20));
    }

    @Test
    void statusCallbacksMoveTheDeliveryOnAndNeverBack() throws Exception {
        String sid = "SM" + "2".repeat(32);
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created(sid))));
        Delivery delivery = sendAndDispatch();

        status(Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid", ACCOUNT, "From", number), TOKEN)
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
        status(Map.of("MessageSid", sid, "MessageStatus", "undelivered", "ErrorCode", "30003",
                "AccountSid", ACCOUNT, "From", number), TOKEN);
        var now = messages.find(practice.id(), new org.carerelay.messaging.MessageId(messageOf(delivery)))
                .deliveries().get(0);
        assertThat(now.status().name()).isEqualTo("DELIVERED");
        assertThat(now.timeline()).extracting(event -> event.status().name())
                .containsExactly("QUEUED", "SENDING", "SENT", "DELIVERED");

        status(Map.of("MessageSid", sid, "MessageStatus", "failed", "AccountSid", ACCOUNT, "From", number), "not-the-token")
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
        status(Map.of("MessageSid", "SM" + "9".repeat(32), "MessageStatus", "delivered", "From", number), TOKEN)
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
    }

    @Test
    void aReceiptReachesAPracticeSharingItsNumberWithAnEarlierOne() throws Exception {
        String shared = number;
        practice = TestPractices.register(context); // registered after the one setUp made: not the number's first
        setting("sms.provider", "twilio");
        setting("twilio.account-sid", ACCOUNT);
        setting("webhook.twilio.auth-token", TOKEN);
        setting("sms.origination-number", shared);
        patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone("312-555-0143", Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        String sid = "SM" + "6".repeat(32);
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created(sid))));
        Delivery delivery = sendAndDispatch();

        status(Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid", ACCOUNT, "From", shared), TOKEN)
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
        assertThat(messages.find(practice.id(), new org.carerelay.messaging.MessageId(messageOf(delivery)))
                .deliveries().get(0).status().name()).isEqualTo("DELIVERED");
    }

    @Test
    void aRetriedTextKeepsToQuietHours() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20500, \"message\": \"Service unavailable\", \"status\": 503}")));
        var message = messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.SMS, "appointment-confirmation", DefaultTemplates.sample("appointment-confirmation"),
                Purpose.TRANSACTIONAL, null, null));
        // Quiet hours begin now in the patient's zone and last two hours.
        java.time.ZoneId chicago = java.time.ZoneId.of("America/Chicago");
        java.time.LocalTime now = java.time.LocalTime.now(chicago).withSecond(0).withNano(0);
        var admin = new org.carerelay.shared.Caller(practice.id(), Actor.system("test"), "CLINIC_ADMIN", java.util.Set.of());
        var settings = context.getBean(org.carerelay.settings.Settings.class);
        new org.springframework.transaction.support.TransactionTemplate(
                context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                .executeWithoutResult(status -> {
                    settings.set(admin, "quiet-hours.start", now.minusMinutes(1).toString());
                    settings.set(admin, "quiet-hours.end", now.plusHours(2).toString());
                });

        worker.dispatchDue();

        Delivery retried = messages.find(practice.id(), message.id()).deliveries().get(0);
        assertThat(retried.status().name()).isEqualTo("QUEUED");
        assertThat(retried.dueAt().atZone(chicago).toLocalTime()).isEqualTo(now.plusHours(2));
    }

    @Test
    void aReceiptThatOvertakesTheSendStillFindsItsDelivery() throws Exception {
        // As if Twilio called back before the worker stored the message sid: only the delivery id in the URL.
        var message = messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.SMS, "appointment-confirmation", DefaultTemplates.sample("appointment-confirmation"),
                Purpose.TRANSACTIONAL, null, null));
        jdbc.sql("UPDATE delivery SET status = 'SENT', provider = 'twilio' WHERE id = :id")
                .param("id", message.deliveries().get(0).id().value()).update();

        status("?delivery=" + message.deliveries().get(0).id(), Map.of("MessageSid", "SM" + "5".repeat(32),
                "MessageStatus", "delivered", "AccountSid", ACCOUNT, "From", number), TOKEN)
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());

        assertThat(messages.find(practice.id(), message.id()).deliveries().get(0).status().name())
                .isEqualTo("DELIVERED");
    }

    @Test
    void aCarrierOptOutReportedLaterSuppressesTheNumber() throws Exception {
        String sid = "SM" + "3".repeat(32);
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created(sid))));
        sendAndDispatch();

        status(Map.of("MessageSid", sid, "MessageStatus", "failed", "ErrorCode", "21610", "AccountSid", ACCOUNT, "From", number), TOKEN);

        assertThat(jdbc.sql("SELECT status || ' ' || reason FROM delivery WHERE provider_message_id = :sid "
                        + "AND practice_id = :p")
                .param("sid", sid).param("p", practice.id().value()).query(String.class).single())
                .isEqualTo("FAILED twilio-21610");
        assertThat(jdbc.sql("SELECT count(*) FROM suppression WHERE practice_id = :p AND address = '+13125550142'")
                .param("p", practice.id().value()).query(Long.class).single()).isEqualTo(1);
    }

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    private org.springframework.test.web.servlet.ResultActions status(Map<String, String> params, String token)
            throws Exception {
        return status("", params, token);
    }

    private org.springframework.test.web.servlet.ResultActions status(String query, Map<String, String> params,
            String token) throws Exception {
        String signature = org.carerelay.TwilioRequests.signature(token,
                "https://carerelay.example.test/webhooks/twilio/status" + query, params);
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/webhooks/twilio/status" + query)
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .content(org.carerelay.TwilioRequests.form(params))
                .header("X-Twilio-Signature", signature));
    }

    @Test
    void aVoicemailReachesTheInboxItsTranscriptionIsTriagedAndStaffCanPlayIt() throws Exception {
        String voice = "https://carerelay.example.test/webhooks/twilio/voice";
        Map<String, String> call = Map.of("CallSid", "CA" + "1".repeat(32), "From", "+13125550142", "To", number,
                "AccountSid", ACCOUNT);
        String greeting = voicePost("", call).andReturn().getResponse().getContentAsString();
        assertThat(greeting).contains("<Record", "transcribe=\"true\"", "dial 911",
                "action=\"" + voice + "?event=recording\"", "transcribeCallback=\"" + voice + "?event=transcription\"");

        String recordingUrl = "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/RE"
                + "2".repeat(32);
        Map<String, String> recorded = new java.util.HashMap<>(call);
        recorded.putAll(Map.of("RecordingSid", "RE" + "2".repeat(32), "RecordingUrl", recordingUrl,
                "RecordingDuration", "14"));
        assertThat(voicePost("?event=recording", recorded).andReturn().getResponse().getContentAsString())
                .contains("<Hangup/>");
        voicePost("?event=recording", recorded); // Twilio retrying: one voicemail
        UUID inbound = jdbc.sql("SELECT id FROM inbound_message WHERE practice_id = :p AND channel = 'VOICE'")
                .param("p", practice.id().value()).query(UUID.class).single();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM inbox_message WHERE inbound_message_id = :i").param("i", inbound)
                .query(Long.class).single() == 1);

        Map<String, String> transcription = new java.util.HashMap<>(recorded);
        transcription.putAll(Map.of("TranscriptionStatus", "completed",
                "TranscriptionText", "Hi, this is Ana, I have had chest pain since this morning, please call me"));
        voicePost("?event=transcription", transcription);
        // The transcription may be this JVM's first triage, which trains the shipped models (a minute or more).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).until(() -> jdbc.sql(
                "SELECT urgent FROM conversation WHERE practice_id = :p").param("p", practice.id().value())
                .query(Boolean.class).single());
        assertThat(jdbc.sql("SELECT queue FROM conversation WHERE practice_id = :p").param("p", practice.id().value())
                .query(String.class).single()).isEqualTo("ON_CALL");
        // The caller is told by text what to do now (issue 13 §4).
        assertThat(org.carerelay.SealedDeliveries.open(context, "body_text", """
                SELECT d.id, d.body_text FROM delivery d JOIN message m ON m.id = d.message_id
                WHERE m.practice_id = :p AND m.template_key = 'inbox-safety' AND d.recipient = '+13125550142'""",
                Map.of("p", practice.id().value()))).singleElement().asString().contains("call 911");
        // The dispatch queue is shared by the tests of this class: leave nothing due behind.
        jdbc.sql("UPDATE delivery SET status = 'FAILED' WHERE practice_id = :p AND status = 'QUEUED'")
                .param("p", practice.id().value()).update();

        twilio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(
                        recordingUrl.replace("https://api.twilio.com", "") + ".mp3"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg")
                        .withBody(new byte[] {'I', 'D', '3', 4})));
        var caller = new org.carerelay.shared.Caller(practice.id(), Actor.system("test"), "CLINIC_ADMIN",
                java.util.Set.of());
        assertThat(context.getBean(org.carerelay.messaging.InboundMessages.class).recording(caller, inbound))
                .hasValueSatisfying(audio -> assertThat(audio).startsWith((byte) 'I', (byte) 'D', (byte) '3'));
        twilio.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo(
                        recordingUrl.replace("https://api.twilio.com", "") + ".mp3"))
                .withHeader("Authorization", containing("Basic ")));

        voicePost("?event=recording", Map.of("From", "+13125550142", "To", number))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isBadRequest());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/webhooks/twilio/voice")
                        .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                        .content(org.carerelay.TwilioRequests.form(call)).header("X-Twilio-Signature", "forged"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
    }

    private org.springframework.test.web.servlet.ResultActions voicePost(String query, Map<String, String> params)
            throws Exception {
        String signature = org.carerelay.TwilioRequests.signature(TOKEN,
                "https://carerelay.example.test/webhooks/twilio/voice" + query, params);
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/webhooks/twilio/voice" + query)
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .content(org.carerelay.TwilioRequests.form(params))
                .header("X-Twilio-Signature", signature));
    }

    private UUID messageOf(Delivery delivery) {
        return jdbc.sql("SELECT message_id FROM delivery WHERE id = :id").param("id", delivery.id().value())
                .query(UUID.class).single();
    }

    @Test
    void failsOverToTheSecondaryProviderAndStopsCallingOneThatIsDown() {
        setting("sms.secondary-provider", "dev-outbox");
        setting("sms.rate-per-second", "0");
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20500, \"message\": \"Service unavailable\", \"status\": 503}")));

        List<Delivery> deliveries = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) {
            deliveries.add(sendAndDispatch());
        }

        assertThat(deliveries).allSatisfy(delivery -> {
            assertThat(delivery.status().name()).isEqualTo("DELIVERED");
            assertThat(delivery.provider()).isEqualTo("dev-outbox");
        });
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))))
                .as("the breaker opened after 10 failures").hasSize(10);
    }

    @Test
    void neverSendsFasterThanTheNumberAllows() {
        setting("sms.rate-per-second", "2");
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created("SM" + "4".repeat(32)))));
        for (int i = 0; i < 5; i++) {
            messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null, Channel.SMS,
                    "appointment-confirmation", DefaultTemplates.sample("appointment-confirmation"),
                    Purpose.TRANSACTIONAL, null, null));
        }

        worker.dispatchDue();

        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(2);
        assertThat(jdbc.sql("SELECT status || ' ' || reason || ' ' || attempts FROM delivery WHERE practice_id = :p "
                        + "AND status = 'QUEUED'").param("p", practice.id().value()).query(String.class).list())
                .containsExactly("QUEUED rate-limited 0", "QUEUED rate-limited 0", "QUEUED rate-limited 0");
        assertThat(jdbc.sql("SELECT max(due_at) <= now() + interval '2 seconds' FROM delivery WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Boolean.class).single()).isTrue();
        // Held back by the rate limit: no attempt in their timelines (nor in the audit log), however many rounds.
        assertThat(jdbc.sql("""
                SELECT count(*) FROM delivery_event e JOIN delivery d ON d.id = e.delivery_id
                WHERE d.practice_id = :p AND d.status = 'QUEUED' AND e.status = 'SENDING'""")
                .param("p", practice.id().value()).query(Long.class).single()).isZero();
        // The dispatch queue is shared by the tests of this class: leave nothing due behind.
        jdbc.sql("UPDATE delivery SET status = 'FAILED' WHERE practice_id = :p AND status = 'QUEUED'")
                .param("p", practice.id().value()).update();
    }

    private Delivery sendAndDispatch() {
        var message = messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.SMS, "appointment-confirmation", DefaultTemplates.sample("appointment-confirmation"),
                Purpose.TRANSACTIONAL, null, null));
        worker.dispatchDue();
        return messages.find(practice.id(), message.id()).deliveries().get(0);
    }

    private void setting(String key, String value) {
        TestPractices.store(context, practice.id(), key, value);
    }

    /** The shape of Twilio's 201 answer to a Messages create. */
    private static String created(String sid) {
        return """
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "…", "date_created": "Thu, 21 Nov 2026 20:00:00 +0000",
                 "date_sent": null, "date_updated": "Thu, 21 Nov 2026 20:00:00 +0000", "direction": "outbound-api",
                 "error_code": null, "error_message": null, "from": "+13125550100", "messaging_service_sid": null,
                 "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD", "sid": "%s",
                 "status": "queued", "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/%s/Media.json"},
                 "to": "+13125550142", "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}"""
                .formatted(ACCOUNT, sid, ACCOUNT, sid, ACCOUNT, sid);
    }
}
