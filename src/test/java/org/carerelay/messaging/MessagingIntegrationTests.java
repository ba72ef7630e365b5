package org.carerelay.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.SchemaOwner;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.dispatch.DispatchWorker;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class MessagingIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    DispatchWorker worker;
    @Autowired
    JdbcClient jdbc;

    TestPractice practice;

    @BeforeEach
    void registerPractice() {
        practice = TestPractices.register(context);
    }

    @Test
    void aConsentedSmsIsQueuedSentAndShownInTheDevOutbox() throws Exception {
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        String id = JsonPath.read(send(patient, "SMS", "appointment-confirmation", "TRANSACTIONAL", null)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.templateVersion").value(0))
                .andExpect(jsonPath("$.deliveries[0].channel").value("sms"))
                .andExpect(jsonPath("$.deliveries[0].status").value("queued"))
                .andExpect(jsonPath("$.deliveries[0].smsEncoding").value("GSM-7"))
                .andExpect(jsonPath("$.deliveries[0].decisions[?(@.check == 'consent')].detail")
                        .value(org.hamcrest.Matchers.contains("transactional_sms granted")))
                .andReturn().getResponse().getContentAsString(), "$.id");

        dispatchAll();

        call(get("/api/v1/messages/" + id), practice.admin(), null)
                .andExpect(jsonPath("$.deliveries[0].status").value("delivered"))
                .andExpect(jsonPath("$.deliveries[0].provider").value("dev-outbox"))
                .andExpect(jsonPath("$.deliveries[0].timeline[*].status").value(org.hamcrest.Matchers.contains(
                        "queued", "sending", "sent", "delivered")));
        mvc.perform(get("/dev/outbox/messages"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].channel").value("sms"))
                .andExpect(jsonPath("$[0].to").value("+13125550142"))
                .andExpect(jsonPath("$[0].text").value(org.hamcrest.Matchers.startsWith("Test Practice: your appointment is booked")));
        mvc.perform(get("/dev/outbox")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Test Practice: your appointment")))
                // it shows sign-in links: no script but its own, no Referer to carry a link away
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("Referrer-Policy", "no-referrer"));
        mvc.perform(get("/dev/outbox/messages").param("page", "100000"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isEmpty())
                .andExpect(header().doesNotExist("Link"));
    }

    @Test
    void anEmailCarriesTheBrandedLayoutAndAPlainTextPart() throws Exception {
        Patient patient = patient(Map.of(), PreferredChannel.EMAIL, "es");
        send(patient, "EMAIL", "appointment-reminder", "CARE", null)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.language").value("es"));
        dispatchAll();
        mvc.perform(get("/dev/outbox/messages"))
                .andExpect(jsonPath("$[0].subject").value(org.hamcrest.Matchers.startsWith("Recordatorio: su cita del lunes")))
                .andExpect(jsonPath("$[0].text").value(org.hamcrest.Matchers.containsString("Confirmar: https://")))
                .andExpect(jsonPath("$[0].html").value(org.hamcrest.Matchers.containsString("1 Test Street")));
    }

    @Test
    void theSameIdempotencyKeyNeverSendsTwice() throws Exception {
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        String first = JsonPath.read(send(patient, "SMS", "appointment-confirmation", "TRANSACTIONAL", "visit-1")
                .andReturn().getResponse().getContentAsString(), "$.id");
        String second = JsonPath.read(send(patient, "SMS", "appointment-confirmation", "TRANSACTIONAL", "visit-1")
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.id");

        assertThat(second).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM delivery WHERE practice_id = :p")).isEqualTo(1);
    }

    @Test
    void aMissingTemplateVariableRefusesTheRequestAndStoresNothing() throws Exception {
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        call(post("/api/v1/messages"), practice.bearer(StaffRole.FRONT_DESK), """
                {"patientId": "%s", "channel": "sms", "templateKey": "appointment-reminder", "purpose": "care",
                 "context": {"appointment": {"start": "2026-11-23T15:00:00Z"}}}""".formatted(patient.id()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("context"))
                .andExpect(jsonPath("$.detail").value("context: sms: refers to {{links.confirm}}, which the context lacks"));
        assertThat(count("SELECT count(*) FROM message WHERE practice_id = :p")).isZero();
    }

    @Test
    void anOptedOutNumberGetsOnlySecurityMessages() throws Exception {
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, false), PreferredChannel.SMS, "en");
        send(patient, "SMS", "appointment-confirmation", "TRANSACTIONAL", null)
                .andExpect(jsonPath("$.deliveries[0].status").value("suppressed"))
                .andExpect(jsonPath("$.deliveries[0].reason").value("sms-opted-out"));
        assertThat(securitySms(patient)).isEqualTo(DeliveryStatus.QUEUED);
        send(patient, "SMS", "sign-in-link", "SECURITY", null, "{\"code\": \"123456\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
        send(patient, "SMS", "appointment-confirmation", "MARKETING", null)
                .andExpect(jsonPath("$.deliveries[0].reason").value("no-marketing-sms-consent"));
    }

    @Test
    void preferredFallsBackToAnotherConsentedChannel() throws Exception {
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, false), PreferredChannel.SMS, "en");
        send(patient, "PREFERRED", "appointment-confirmation", "TRANSACTIONAL", null)
                .andExpect(jsonPath("$.deliveries", org.hamcrest.Matchers.hasSize(1)))
                .andExpect(jsonPath("$.deliveries[0].channel").value("email"))
                .andExpect(jsonPath("$.deliveries[0].decisions[0].check").value("channel sms"))
                .andExpect(jsonPath("$.deliveries[0].decisions[0].detail").value("sms-opted-out"));
    }

    @Test
    void anUnverifiedAddressGetsNothingButItsOwnVerificationCode() throws Exception {
        String address = "unconfirmed." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.phone("312-555-0142", Map.of(ConsentPurpose.TRANSACTIONAL_SMS, false)),
                new org.carerelay.practice.NewContactPoint(org.carerelay.practice.ContactSystem.EMAIL, address, false,
                        Map.of(ConsentPurpose.EMAIL, true), org.carerelay.practice.ConsentSource.STAFF));

        send(patient, "EMAIL", "appointment-reminder", "CARE", null)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.deliveries[0].status").value("suppressed"))
                .andExpect(jsonPath("$.deliveries[0].reason").value("unverified-contact-point"))
                .andExpect(jsonPath("$.deliveries[0].decisions[0].check").value("address"));
        send(patient, "PREFERRED", "appointment-confirmation", "TRANSACTIONAL", null)
                .andExpect(jsonPath("$.deliveries[0].channel").value("in_app"))
                .andExpect(jsonPath("$.deliveries[0].decisions[?(@.check == 'channel email')].detail")
                        .value(org.hamcrest.Matchers.contains("unverified-contact-point")));
        dispatchAll();
        mvc.perform(get("/dev/outbox/messages"))
                .andExpect(jsonPath("$[*].to").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasItem(address))));

        org.carerelay.practice.ContactPointId unverified = patient.contactPoints().stream()
                .filter(contact -> contact.value().equals(address)).findFirst().orElseThrow().id();
        Message code = context.getBean(Messages.class).send(practice.id(), Actor.system("test"), new SendRequest(
                patient.id(), unverified, Channel.EMAIL, Messages.CONTACT_VERIFICATION_TEMPLATE,
                Map.of("code", "123456"), Purpose.SECURITY, null, null));
        assertThat(code.deliveries().get(0).status()).isEqualTo(DeliveryStatus.QUEUED);
        dispatchAll();
        mvc.perform(get("/dev/outbox/messages"))
                .andExpect(jsonPath("$[?(@.to == '%s')].text".formatted(address))
                        .value(org.hamcrest.Matchers.contains(org.hamcrest.Matchers.containsString("123456"))));
    }

    @Test
    void theHealthcareExemptionAllowsOneUnconsentedCareSmsADay() throws Exception {
        Patient patient = patient(Map.of(), PreferredChannel.SMS, "en");
        send(patient, "SMS", "new-secure-message", "CARE", null, "{\"link\": \"https://x.example.test/m\"}")
                .andExpect(jsonPath("$.deliveries[0].status").value("queued"))
                .andExpect(jsonPath("$.deliveries[0].decisions[?(@.check == 'consent')].detail").value(
                        org.hamcrest.Matchers.contains("no consent on record: healthcare exemption (1 a day, 3 a week)")));
        send(patient, "SMS", "new-secure-message", "CARE", null, "{\"link\": \"https://x.example.test/m\"}")
                .andExpect(jsonPath("$.deliveries[0].status").value("suppressed"))
                .andExpect(jsonPath("$.deliveries[0].reason").value("healthcare-exemption-limit"));
    }

    @Test
    void theExemptionCountsTextsByWhenTheyGoNotWhenTheyWereAskedFor() {
        Patient patient = patient(Map.of(), PreferredChannel.SMS, "en");
        Messages service = context.getBean(Messages.class);
        java.time.Instant nextWeek = java.time.Instant.now().plus(java.time.Duration.ofDays(9));
        java.util.function.Function<java.time.Instant, DeliveryStatus> exemptText = notBefore -> service.send(
                practice.id(), Actor.system("test"), new SendRequest(patient.id(), null, Channel.SMS,
                        "new-secure-message", Map.of("link", "https://x.example.test/m"), Purpose.CARE, null,
                        notBefore)).deliveries().get(0).status();

        // One scheduled for next week does not use up today's, nor the reverse; a second on the same day does.
        assertThat(exemptText.apply(nextWeek)).isIn(DeliveryStatus.QUEUED, DeliveryStatus.DEFERRED);
        assertThat(exemptText.apply(null)).isIn(DeliveryStatus.QUEUED, DeliveryStatus.DEFERRED); // quiet hours
        assertThat(exemptText.apply(nextWeek.plus(java.time.Duration.ofHours(3)))).isEqualTo(DeliveryStatus.SUPPRESSED);
    }

    @Test
    void theExemptionHoldsUnderConcurrentSends() throws Exception {
        Patient patient = patient(Map.of(), PreferredChannel.SMS, "en");
        Messages service = context.getBean(Messages.class);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<DeliveryStatus>> sends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sends.add(clients.submit(() -> service.send(practice.id(), Actor.system("test"), new SendRequest(
                    patient.id(), null, Channel.SMS, "new-secure-message", Map.of("link", "https://x.example.test/m"),
                    Purpose.CARE, null, null)).deliveries().get(0).status()));
        }
        List<DeliveryStatus> statuses = new ArrayList<>();
        for (Future<DeliveryStatus> send : sends) {
            statuses.add(send.get());
        }
        clients.shutdown();
        assertThat(statuses).containsOnlyOnce(DeliveryStatus.QUEUED).contains(DeliveryStatus.SUPPRESSED);
    }

    @Test
    void aListOfRequestsCountsItsOwnMessagesAgainstTheLimits() {
        Patient unconsented = patient(Map.of(), PreferredChannel.SMS, "en");
        Patient marketable = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true, ConsentPurpose.MARKETING_SMS,
                true), PreferredChannel.SMS, "en");
        Map<String, Object> link = Map.of("link", "https://x.example.test/m");
        List<SendRequest> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(new SendRequest(unconsented.id(), null, Channel.SMS, "new-secure-message", link, Purpose.CARE,
                    "care-" + i, null));
        }
        for (int i = 0; i < 5; i++) {
            requests.add(new SendRequest(marketable.id(), null, Channel.SMS, "new-secure-message", link,
                    Purpose.MARKETING, "offer-" + i, null));
        }
        requests.add(new SendRequest(unconsented.id(), null, Channel.SMS, "new-secure-message", link, Purpose.CARE,
                "care-0", null)); // the same request again, in the same list

        List<Message> sent = context.getBean(Messages.class).sendAll(practice.id(), Actor.system("test"), requests);

        assertThat(sent.subList(0, 3)).extracting(message -> message.deliveries().get(0).reason())
                .containsExactly(null, "healthcare-exemption-limit", "healthcare-exemption-limit");
        assertThat(sent.subList(3, 8)).extracting(message -> message.deliveries().get(0).reason())
                .as("the marketing cap: 3 a week").containsExactly(null, null, null, "marketing-weekly-cap",
                        "marketing-weekly-cap");
        assertThat(sent.get(8).id()).isEqualTo(sent.get(0).id());
        assertThat(count("SELECT count(*) FROM message WHERE practice_id = :p")).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM delivery_event e JOIN delivery d ON d.id = e.delivery_id "
                + "WHERE d.practice_id = :p")).as("one timeline entry each").isEqualTo(8);
    }

    @Test
    void smsDuringQuietHoursIsDeferredToTheMorningNeverDropped() throws Exception {
        TestPractices.store(context, practice.id(), "quiet-hours.start", "21:00");
        TestPractices.store(context, practice.id(), "quiet-hours.end", "08:00");
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        ZoneId chicago = ZoneId.of("America/Chicago");
        ZonedDateTime lateEvening = LocalDate.now(chicago).plusDays(2).atTime(22, 30).atZone(chicago);
        String morning = lateEvening.plusDays(1).withHour(8).withMinute(0).toInstant().toString();

        call(post("/api/v1/messages"), practice.admin(), """
                {"patientId": "%s", "channel": "sms", "templateKey": "appointment-confirmation", "purpose": "transactional",
                 "notBefore": "%s", "context": %s}""".formatted(patient.id(), lateEvening.toOffsetDateTime(),
                sample("appointment-confirmation")))
                .andExpect(jsonPath("$.deliveries[0].status").value("deferred"))
                .andExpect(jsonPath("$.deliveries[0].reason").value("quiet-hours"))
                .andExpect(jsonPath("$.deliveries[0].dueAt").value(morning));
    }

    @Test
    void clinicalDetailGoesOnlyWhereThePatientConsentedToPhi() throws Exception {
        call(put("/api/v1/templates/lab-result/en"), practice.admin(), """
                {"parts": {"sms": "{{practice.brandName}}: your {{clinical.test}} result is ready. Reply STOP to opt out.",
                           "inAppTitle": "Result ready", "inAppBody": "Your {{clinical.test}} result is ready."},
                 "sampleContext": {"clinical": {"test": "A1C"}}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("parts.phiAllowed"));
        call(put("/api/v1/templates/lab-result/en"), practice.bearer(StaffRole.FRONT_DESK), "{}")
                .andExpect(status().isForbidden());
        call(put("/api/v1/templates/lab-result/en"), practice.admin(), """
                {"parts": {"sms": "{{practice.brandName}}: your {{clinical.test}} result is ready. Reply STOP to opt out.",
                           "inAppTitle": "Result ready", "inAppBody": "Your {{clinical.test}} result is ready.",
                           "phiAllowed": true},
                 "sampleContext": {"clinical": {"test": "A1C"}}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1));

        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        send(patient, "SMS", "lab-result", "CARE", null, "{\"clinical\": {\"test\": \"A1C\"}}")
                .andExpect(jsonPath("$.templateVersion").value(1))
                .andExpect(jsonPath("$.deliveries[0].status").value("suppressed"))
                .andExpect(jsonPath("$.deliveries[0].reason").value("no-phi-consent"));
        send(patient, "IN_APP", "lab-result", "CARE", null, "{\"clinical\": {\"test\": \"A1C\"}}")
                .andExpect(jsonPath("$.deliveries[0].status").value("queued"));
    }

    @Test
    void templatesAreVersionedAndCheckedAgainstTheirSample() throws Exception {
        call(get("/api/v1/templates"), practice.admin(), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.key == 'appointment-reminder' && @.language == 'es')].version")
                        .value(org.hamcrest.Matchers.contains(0)))
                .andExpect(jsonPath("$.length()").value(2 * DefaultTemplates.ALL_KEYS.size())); // shipped keys × en, es
        call(put("/api/v1/templates/appointment-reminder/en"), practice.admin(), """
                {"parts": {"sms": "Reminder {{datetime appointment.start}} {{links.directions}}"}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("parts: sms: refers to {{links.directions}}, which the context lacks"));
        call(put("/api/v1/templates/appointment-reminder/en"), practice.admin(), """
                {"parts": {"sms": "{{practice.brandName}}: see you {{datetime appointment.start}} {{links.confirm}} {{links.cancel}} STOP ends"}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1));
        call(post("/api/v1/templates/appointment-reminder/en/preview"), practice.admin(), "{}")
                .andExpect(jsonPath("$.sms").value(org.hamcrest.Matchers.startsWith("Test Practice: see you Monday")))
                .andExpect(jsonPath("$.smsSegments.segments").value(1));
        call(get("/api/v1/templates/appointment-reminder/en"), practice.admin(), null)
                .andExpect(jsonPath("$[*].version").value(org.hamcrest.Matchers.contains(1, 0)));
    }

    @Test
    void refusesATextWithoutItsOptOutOrAReminderWithoutItsLinksAndWarnsOfOtherDroppedLinks() throws Exception {
        // The outside tester's reminder: no STOP, no links.
        call(put("/api/v1/templates/appointment-reminder/en"), practice.admin(), """
                {"parts": {"sms": "{{practice.brandName}}: see you {{datetime appointment.start}}."}}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("parts.sms"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith(
                        "must say how to opt out with the word STOP")));
        // Spanish texts carry the same keyword.
        call(put("/api/v1/templates/waitlist-offer/es"), practice.admin(), """
                {"parts": {"sms": "{{practice.brandName}}: cita el {{datetime slot.start}}: {{links.claim}} Responda BAJA para no recibir más."}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("parts.sms"));
        // With STOP, a reminder still needs the links it is answered with, in every part that ships with them.
        call(put("/api/v1/templates/appointment-reminder/en"), practice.admin(), """
                {"parts": {"sms": "{{practice.brandName}}: see you {{datetime appointment.start}}. Confirm: {{links.confirm}} Reply STOP to opt out."}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("parts.sms"))
                .andExpect(jsonPath("$.errors[0].message").value("must keep {{links.cancel}}: patients cancel it with it"));
        call(put("/api/v1/templates/appointment-reminder/es"), practice.admin(), """
                {"parts": {"emailSubject": "Recordatorio", "emailText": "Su cita: {{datetime appointment.start}}. Cancelar: {{links.cancel}}"}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("parts.emailText"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("{{links.confirm}}")));
        call(get("/api/v1/templates/appointment-reminder/en"), practice.admin(), null)
                .andExpect(jsonPath("$[*].version").value(org.hamcrest.Matchers.contains(0)));

        // Another template that drops a link it shipped with is saved, with a warning.
        call(put("/api/v1/templates/appointment-confirmation/en"), practice.admin(), """
                {"parts": {"sms": "{{practice.brandName}}: booked for {{datetime appointment.start}}. Call us to cancel. Reply STOP to opt out."}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.warnings[0].field").value("parts.sms"))
                .andExpect(jsonPath("$.warnings[0].message").value(
                        "no longer has {{links.cancel}}, which the shipped template gives patients"));
        // A security code goes without opt-out text, as it ships.
        call(put("/api/v1/templates/sign-in-link/en"), practice.admin(), """
                {"parts": {"sms": "{{practice.brandName}} code: {{code}}. Do not share it."}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.warnings").isEmpty());
    }

    @Test
    void messagesStillGoOutWhenTheProviderSettingCannotBeUsed() throws Exception {
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        // A malformed value: the fallback (dev-outbox) is used.
        jdbc.sql("INSERT INTO setting (practice_id, key, value, updated_at, updated_by_type, updated_by_id) "
                + "VALUES (:p, 'sms.provider', 'carrier pigeon', now(), 'SYSTEM', 'test')")
                .param("p", practice.id().value()).update();
        String malformed = sentId(patient);
        // An unreadable table: the fallback again.
        JdbcClient owner = SchemaOwner.jdbc(context);
        owner.sql("REVOKE SELECT ON setting FROM carerelay_app").update();
        String unreadable;
        try {
            unreadable = sentId(patient);
            dispatchAll();
        } finally {
            owner.sql("GRANT SELECT ON setting TO carerelay_app").update();
        }
        dispatchAll();
        for (String id : List.of(malformed, unreadable)) {
            call(get("/api/v1/messages/" + id), practice.admin(), null)
                    .andExpect(jsonPath("$.deliveries[0].status").value("delivered"))
                    .andExpect(jsonPath("$.deliveries[0].provider").value("dev-outbox"));
        }
    }

    @Test
    void aProviderWithoutItsAccountFailsTheDeliveryWithItsReason() throws Exception {
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        call(put("/api/v1/settings/sms.provider"), practice.admin(), "{\"value\": \"twilio\"}")
                .andExpect(status().isOk());
        String id = sentId(patient);
        dispatchAll();
        call(get("/api/v1/messages/" + id), practice.admin(), null)
                .andExpect(jsonPath("$.deliveries[0].status").value("failed"))
                .andExpect(jsonPath("$.deliveries[0].reason").value("twilio-not-configured"));
    }

    @Test
    void twoWorkersNeverSendADeliveryTwiceAndAnAbandonedClaimIsTakenBack() throws Exception {
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        for (int i = 0; i < 30; i++) {
            sentId(patient);
        }
        // A claim whose node died: its lease ran out a minute ago.
        jdbc.sql("UPDATE delivery SET status = 'SENDING', claimed_until = now() - interval '1 minute' "
                + "WHERE id = (SELECT id FROM delivery WHERE practice_id = :p LIMIT 1)")
                .param("p", practice.id().value()).update();

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<Future<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rounds.add(nodes.submit((Callable<Integer>) worker::dispatchDue));
        }
        for (Future<Integer> round : rounds) {
            round.get();
        }
        nodes.shutdown();
        dispatchAll();

        assertThat(count("SELECT count(*) FROM delivery WHERE practice_id = :p AND status = 'DELIVERED'")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM delivery_event e JOIN delivery d ON d.id = e.delivery_id "
                + "WHERE d.practice_id = :p AND e.status = 'SENT'")).as("one submission each").isEqualTo(30);
    }

    @Test
    void aBulkSendMakesOneMessagePerRecipientAndReportsItsProgress() throws Exception {
        Patient first = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        Patient second = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, false), PreferredChannel.SMS, "es");
        String body = """
                {"templateKey": "new-secure-message", "channel": "sms", "purpose": "care", "recipients": [
                  {"patientId": "%s", "context": {"link": "https://x.example.test/m"}},
                  {"patientId": "%s", "context": {"link": "https://x.example.test/m"}},
                  {"patientId": "%s", "context": {"link": "https://x.example.test/m"}}]}"""
                .formatted(first.id(), second.id(), UUID.randomUUID());
        call(post("/api/v1/messages/bulk"), practice.bearer(StaffRole.FRONT_DESK), body)
                .andExpect(status().isForbidden());
        String location = call(post("/api/v1/messages/bulk"), practice.admin(), body)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.status").value("running"))
                .andReturn().getResponse().getHeader(HttpHeaders.LOCATION);

        BulkSends bulk = context.getBean(BulkSends.class);
        bulk.processPending();
        bulk.processPending();

        call(get(location), practice.admin(), null)
                .andExpect(jsonPath("$.status").value("done"))
                .andExpect(jsonPath("$.sent").value(2))
                .andExpect(jsonPath("$.refused").value(1))
                .andExpect(jsonPath("$.deliveries.queued").value(1))
                .andExpect(jsonPath("$.deliveries.suppressed").value(1));
        assertThat(count("SELECT count(*) FROM message WHERE practice_id = :p")).isEqualTo(2);
        call(post("/api/v1/messages/bulk"), practice.admin(), "{\"templateKey\": \"x\", \"channel\": \"sms\", "
                + "\"purpose\": \"care\", \"recipients\": []}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("recipients"));
    }

    @Test
    void sendingAndReadingMessagesIsAudited() throws Exception {
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        String id = sentId(patient);
        call(get("/api/v1/messages?patient=" + patient.id()), practice.admin(), null)
                .andExpect(jsonPath("$.total").value(1));
        AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE practice_id = :p AND action LIKE ANY "
                        + "(ARRAY['message.%', 'delivery.%', 'phi.message%']) ORDER BY chain_seq")
                .param("p", practice.id().value()).query(String.class).list())
                .containsExactly("message.requested", "delivery.queued", "phi.messages.listed");
        assertThat(id).isNotNull();
    }

    /** A sign-in code by SMS, as CareRelay itself sends one (the API refuses the security purpose). */
    private DeliveryStatus securitySms(Patient patient) {
        return context.getBean(Messages.class).send(practice.id(), Actor.system("sign-in"), new SendRequest(patient.id(),
                null, Channel.SMS, "sign-in-link", Map.of("code", "123456"), Purpose.SECURITY, null, null))
                .deliveries().get(0).status();
    }

    @Test
    void anIdempotencyKeyCannotBeReusedForAnotherMessage() throws Exception {
        Patient patient = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        Patient other = patient(Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true), PreferredChannel.SMS, "en");
        send(patient, "SMS", "appointment-confirmation", "TRANSACTIONAL", "visit-9").andExpect(status().isAccepted());
        send(other, "SMS", "appointment-confirmation", "TRANSACTIONAL", "visit-9")
                .andExpect(status().isConflict());
    }

    private String sentId(Patient patient) throws Exception {
        return JsonPath.read(send(patient, "SMS", "appointment-confirmation", "TRANSACTIONAL", null)
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    private void dispatchAll() {
        while (worker.dispatchDue() > 0) {
            // until nothing is due
        }
    }

    private Patient patient(Map<ConsentPurpose, Boolean> smsConsents, PreferredChannel channel, String language) {
        Map<ConsentPurpose, Boolean> consents = new EnumMap<>(ConsentPurpose.class);
        consents.putAll(smsConsents);
        return TestPatients.register(context, practice.id(), language, channel,
                TestPatients.phone("312-555-0142", consents), TestPatients.email("ana.lopez@example.test"));
    }

    private ResultActions send(Patient patient, String channel, String key, String purpose, String idempotencyKey)
            throws Exception {
        return send(patient, channel, key, purpose, idempotencyKey, sample(key));
    }

    private ResultActions send(Patient patient, String channel, String key, String purpose, String idempotencyKey,
            String context) throws Exception {
        return call(post("/api/v1/messages"), practice.admin(), """
                {"patientId": "%s", "channel": "%s", "templateKey": "%s", "purpose": "%s", "context": %s%s}"""
                .formatted(patient.id(), channel, key, purpose, context,
                        idempotencyKey == null ? "" : ", \"idempotencyKey\": \"" + idempotencyKey + "\""));
    }

    private static String sample(String key) {
        return org.carerelay.messaging.template.DefaultTemplates.sample(key).isEmpty() ? "{}"
                : tools.jackson.databind.json.JsonMapper.builder().build()
                        .writeValueAsString(org.carerelay.messaging.template.DefaultTemplates.sample(key));
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String bearer, String body) throws Exception {
        request.header(HttpHeaders.AUTHORIZATION, bearer);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("p", practice.id().value()).query(Long.class).single();
    }
}
