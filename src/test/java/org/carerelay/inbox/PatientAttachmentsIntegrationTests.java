package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.IntegrationTest;
import org.carerelay.SharedTestData;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.InboundMessages;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A file a patient e-mails becomes one of their documents once the message is known to be theirs: at once for a
 * sender who matches one patient, on the staff member's match for anyone else; once, however it gets there.
 */
@IntegrationTest
class PatientAttachmentsIntegrationTests {

    /** A real iPhone mail with a photo, from Danielle someone@somewhere.com. */
    static final String SAMPLE = "flanker/iphone.eml";
    static final String SENDER = "someone@somewhere.com";

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
    void aMatchedPatientsPhotoIsKeptAsTheirDocumentForStaffNotReleased() throws Exception {
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(SENDER));
        byte[] mail = addressedToPractice();

        receive(mail);
        awaitDocuments(1);

        String documents = mvc.perform(get("/api/v1/patients/{id}/documents", patient.id().value())
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].kind").value("from_patient"))
                .andExpect(jsonPath("$.items[0].filename").value("photo.JPG"))
                .andExpect(jsonPath("$.items[0].contentType").value("image/jpeg"))
                .andExpect(jsonPath("$.items[0].releasedAt").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String document = JsonPath.read(documents, "$.items[0].id");
        byte[] content = mvc.perform(get("/api/v1/patients/{id}/documents/{doc}/content", patient.id().value(),
                        document).header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        UUID attachment = jdbc.sql("SELECT id FROM inbound_attachment WHERE practice_id = :p")
                .param("p", practice.id().value()).query(UUID.class).single();
        assertThat(content).hasSizeGreaterThan(1000).isEqualTo(context.getBean(InboundMessages.class)
                .attachmentContent(practice.id(), attachment).orElseThrow().bytes());
        assertThat(jdbc.sql("SELECT left(title, 7) || left(filename, 7) FROM document WHERE practice_id = :p")
                .param("p", practice.id().value()).query(String.class).single()).isEqualTo("enc:v1:enc:v1:");
    }

    @Test
    void anUnknownSendersPhotoWaitsForTheMatchAndIsKeptOnce() throws Exception {
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone("+1312555" + String.format("%04d", Math.floorMod(UUID.randomUUID().hashCode(),
                        10_000)), java.util.Map.of()));
        receive(addressedToPractice());
        assertThat(copiesAsked()).isZero(); // asked, it would be in the registry: it commits with the filing
        assertThat(documentsOf()).isZero();

        String conversation = jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p")
                .param("p", practice.id().value()).query(String.class).single();
        mvc.perform(post("/api/v1/inbox/conversations/{id}/match", conversation)
                        .header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"patientId\": \"" + patient.id().value() + "\"}"))
                .andExpect(status().is2xxSuccessful());
        assertThat(copiesAsked()).isOne();
        awaitDocuments(1);

        // The same address now matches the patient: a second mail with the same photo is a second document,
        // while the first attachment is never kept twice.
        receive(addressedToPractice());
        awaitDocuments(2);
        mvc.perform(get("/api/v1/patients/{id}/documents", patient.id().value())
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(jsonPath("$.items[*].kind").value(Matchers.everyItem(Matchers.is("from_patient"))))
                .andExpect(jsonPath("$.items.length()").value(2));
        assertThat(jdbc.sql("SELECT count(DISTINCT from_attachment_id) FROM document WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Long.class).single()).isEqualTo(2);
    }

    /** The copy is made after the filing or match commits. */
    private void awaitDocuments(long count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> documentsOf() == count);
    }

    private long copiesAsked() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE '%AttachmentsOfPatient' "
                        + "AND serialized_event LIKE :practice")
                .param("practice", "%" + practice.id().value() + "%").query(Long.class).single();
    }

    private long documentsOf() {
        return jdbc.sql("SELECT count(*) FROM document WHERE practice_id = :p").param("p", practice.id().value())
                .query(Long.class).single();
    }

    /** The sample, sent to this practice's address with a Message-ID of its own (each is a new e-mail). */
    private byte[] addressedToPractice() throws Exception {
        return new String(SharedTestData.mailTo(SAMPLE, practiceAddress), StandardCharsets.ISO_8859_1)
                .replaceFirst("(?im)^Message-ID: *<[^>]*>", "Message-ID: <" + UUID.randomUUID() + "@example.test>")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private void receive(byte[] mail) throws Exception {
        mvc.perform(post("/webhooks/email/inbound")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IntegrationTest.INBOUND_EMAIL_TOKEN)
                        .contentType("message/rfc822")
                        .content(mail))
                .andExpect(status().isAccepted());
    }
}
