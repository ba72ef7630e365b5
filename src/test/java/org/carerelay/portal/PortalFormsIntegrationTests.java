package org.carerelay.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import org.carerelay.IntegrationTest;
import org.carerelay.PortalPatient;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.WebClient;
import org.carerelay.practice.Patient;
import org.carerelay.practice.StaffRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A patient fills the intake and consent forms; a form with problems comes back with them; staff read answers. */
@IntegrationTest
class PortalFormsIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void formsAreCheckedKeptSealedAndReadByClinicalStaff() throws Exception {
        TestPractice practice = TestPractices.register(context);
        PortalPatient signedIn = PortalPatient.signIn(mvc, context, practice.id(), "en");
        Patient patient = signedIn.patient();
        WebClient browser = signedIn.browser();
        assertThat(browser.get("/portal/forms").getResponse().getContentAsString())
                .contains("New patient intake", "Consent to treatment", "Not sent yet");
        assertThat(browser.get("/portal").getResponse().getContentAsString())
                .contains("To do", "/portal/forms/intake", "/portal/forms/consent-to-treat");

        MvcResult incomplete = browser.post("/portal/forms/intake", "reason", "Knee pain when running",
                "smoker", "sometimes");
        assertThat(incomplete.getResponse().getStatus()).isEqualTo(400);
        assertThat(incomplete.getResponse().getContentAsString()).contains("Please answer this question.",
                "Please choose one of the answers.", "Knee pain when running");
        assertThat(browser.post("/portal/forms/consent-to-treat", "signature", "Ana Lopez", "date", "2026-11-22")
                .getResponse().getContentAsString()).contains("Please tick this box");

        MvcResult sent = browser.post("/portal/forms/intake", "reason", "Knee pain when running", "allergies",
                "Penicillin", "smoker", "never", "emergencyContact", "Luis Lopez 312-555-0142", "unasked", "x");
        assertThat(sent.getResponse().getRedirectedUrl()).isEqualTo("/portal/forms");
        assertThat(browser.get("/portal/forms").getResponse().getContentAsString())
                .contains("your form was sent", "Sent on");
        assertThat(browser.get("/portal").getResponse().getContentAsString())
                .contains("/portal/forms/consent-to-treat").doesNotContain("/portal/forms/intake");
        assertThat(jdbc.sql("SELECT answers FROM form_response WHERE patient_id = :p")
                .param("p", patient.id().value()).query(String.class).single()).doesNotContain("Penicillin");

        String responses = "/api/v1/patients/" + patient.id().value() + "/forms";
        mvc.perform(get(responses).header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].formKey").value("intake"))
                .andExpect(jsonPath("$.items[0].answers.allergies").value("Penicillin"))
                .andExpect(jsonPath("$.items[0].answers.unasked").doesNotExist());
        mvc.perform(get(responses).header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.FRONT_DESK)))
                .andExpect(status().isForbidden());
        assertThat(browser.get("/portal/forms/no-such-form").getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aSpanishSpeakingPatientGetsTheFormInSpanish() throws Exception {
        TestPractice practice = TestPractices.register(context);
        PortalPatient signedIn = PortalPatient.signIn(mvc, context, practice.id(), "es");
        WebClient browser = signedIn.browser();

        assertThat(browser.get("/portal/forms/intake").getResponse().getContentAsString())
                .contains("Registro de paciente nuevo", "¿Fuma?", "Enviar a mi equipo de atención");
        assertThat(browser.post("/portal/forms/intake").getResponse().getContentAsString())
                .contains("Responda esta pregunta, por favor.");
    }
}
