package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.InvalidFieldException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Secure messages from the patient portal: kept raw, filed at once, and answered in-app. */
@IntegrationTest
class PortalMessagesIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    PortalMessages portalMessages;
    @Autowired
    JdbcClient jdbc;

    TestPractice practice;
    Patient patient;

    @BeforeEach
    void setUp() {
        practice = TestPractices.register(context);
        patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS);
    }

    @Test
    void aSecureMessageIsFiledInThePatientsConversationBeforeTheCallReturns() throws Exception {
        UUID conversation = portalMessages.receive(practice.id(), patient.id(),
                "I need a refill of my lisinopril, I have two pills left", "form-1");

        mvc.perform(get("/api/v1/inbox/conversations/" + conversation)
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.patientId").value(patient.id().toString()))
                .andExpect(jsonPath("$.summary.channel").value("PORTAL"))
                .andExpect(jsonPath("$.summary.category").value("refill"))
                .andExpect(jsonPath("$.summary.queue").value("clinical"))
                .andExpect(jsonPath("$.messages[0].text").value(
                        "I need a refill of my lisinopril, I have two pills left"));
        assertThat(jdbc.sql("SELECT body FROM inbound_message WHERE practice_id = :p AND channel = 'PORTAL'")
                .param("p", practice.id().value()).query(String.class).single())
                .as("the raw message is kept, sealed").startsWith("enc:v1:");

        UUID next = portalMessages.receive(practice.id(), patient.id(), "Also, can it be a 90-day supply?",
                "form-2");
        assertThat(next).as("the next message joins the open conversation").isEqualTo(conversation);
    }

    @Test
    void submittingTheSameFormTwiceFilesOneMessage() {
        UUID first = portalMessages.receive(practice.id(), patient.id(), "Is my lab work back?", "form-1");
        UUID again = portalMessages.receive(practice.id(), patient.id(), "Is my lab work back?", "form-1");

        assertThat(again).isEqualTo(first);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_message WHERE conversation_id = :c")
                .param("c", first).query(Long.class).single()).isOne();
    }

    @Test
    void anEmptyOrOverlongMessageIsRefusedAndNothingIsKept() {
        assertThatThrownBy(() -> portalMessages.receive(practice.id(), patient.id(), "  ", "form-1"))
                .isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> portalMessages.receive(practice.id(), patient.id(),
                "x".repeat(PortalMessages.MAX_LENGTH + 1), "form-2"))
                .isInstanceOf(InvalidFieldException.class);

        assertThat(jdbc.sql("SELECT count(*) FROM inbound_message WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Long.class).single()).isZero();
    }

    @Test
    void aCrisisWrittenInThePortalGoesToOnCall() throws Exception {
        UUID conversation = portalMessages.receive(practice.id(), patient.id(),
                "I don't want to live anymore, I have been thinking about ending it", "form-1");

        mvc.perform(get("/api/v1/inbox/conversations/" + conversation)
                        .header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(jsonPath("$.summary.crisis").value(true))
                .andExpect(jsonPath("$.summary.queue").value("on_call"));
    }

    @Test
    void staffAnswerAPortalMessageInTheApp() throws Exception {
        UUID conversation = portalMessages.receive(practice.id(), patient.id(),
                "What time do you open on Saturday?", "form-1");

        mvc.perform(post("/api/v1/inbox/conversations/" + conversation + "/replies")
                        .header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"We open at 9 on Saturdays.\"}"))
                .andExpect(status().is2xxSuccessful());

        assertThat(jdbc.sql("SELECT channel FROM inbox_message WHERE conversation_id = :c AND direction = 'OUTBOUND'")
                .param("c", conversation).query(String.class).single()).isEqualTo("IN_APP");
        assertThat(jdbc.sql("SELECT requested_channel FROM message WHERE practice_id = :p AND patient_id = :patient")
                .param("p", practice.id().value()).param("patient", patient.id().value())
                .query(String.class).list()).contains("IN_APP");
    }
}
