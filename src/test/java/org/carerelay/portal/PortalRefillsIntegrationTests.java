package org.carerelay.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.WebClient;
import org.carerelay.practice.Address;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Practices;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Clinical staff record a patient's medications; the patient asks for a refill of one; the inbox gets it. */
@IntegrationTest
class PortalRefillsIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aRefillRequestReachesTheInboxAsARefillNamingTheMedicationAndPrescriber() throws Exception {
        TestPractice practice = TestPractices.register(context);
        Caller admin = new Caller(practice.id(), Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        var clinic = context.getBean(Locations.class).create(admin, new LocationDetails("Clinic",
                new Address("1 Main St", null, "Chicago", "IL", "60606", "US"), null, "America/Chicago", List.of()));
        Provider prescriber = context.getBean(Providers.class).create(admin, new ProviderDetails("Naomi", "Fischer",
                "MD", "1234567893", List.of(clinic.id().value())));
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));
        String medications = "/api/v1/patients/" + patient.id().value() + "/medications";

        String added = mvc.perform(post(medications).header(HttpHeaders.AUTHORIZATION,
                                practice.bearer(StaffRole.CLINICAL_STAFF))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "Lisinopril", "dosage": "10 mg daily", "prescriberId": "%s"}"""
                                .formatted(prescriber.id().value())))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        mvc.perform(post(medications).header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Metformin\"}"))
                .andExpect(status().isCreated());
        mvc.perform(post(medications).header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get(medications).header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.FRONT_DESK)))
                .andExpect(status().isForbidden());
        // The name is sealed at rest.
        assertThat(jdbc.sql("SELECT name FROM patient_medication WHERE patient_id = :p")
                .param("p", patient.id().value()).query(String.class).list()).noneMatch(n -> n.contains("Lisinopril"));

        // Dr. Fischer has a staff account linked to her provider record: her own queue gets the request.
        var doctor = context.getBean(org.carerelay.practice.StaffUsers.class).create(practice.id(),
                Actor.system("test"), new org.carerelay.practice.StaffUserDetails("Naomi", "Fischer",
                        "naomi." + UUID.randomUUID() + "@clinic.example.test", StaffRole.DOCTOR, true));
        context.getBean(org.carerelay.practice.ClinicalAccess.class).set(admin, doctor.id().value(),
                new org.carerelay.practice.ClinicalAccess.Setting(prescriber.id().value(),
                        org.carerelay.practice.ClinicalAccess.Scope.PANEL));
        WebClient browser = WebClient.signedInPatient(mvc, context,
                context.getBean(Practices.class).get(practice.id()).slug(), email);
        assertThat(browser.get("/portal/refills").getResponse().getContentAsString())
                .contains("Lisinopril 10 mg daily", "Metformin");
        browser.post("/portal/refills", "medication", JsonPath.read(added, "$.id"), "note",
                "Running out on Friday.", "key", UUID.randomUUID().toString());

        assertThat(browser.get("/portal/refills").getResponse().getContentAsString())
                .contains("Your refill request was sent");
        assertThat(jdbc.sql("SELECT category || '/' || queue || '/' || assigned_to FROM conversation "
                        + "WHERE practice_id = :p")
                .param("p", practice.id().value()).query(String.class).single())
                .isEqualTo("REFILL/CLINICAL/" + doctor.id().value());
        assertThat(browser.get("/portal/secure-messages").getResponse().getContentAsString()).contains(
                "Refill request: Lisinopril 10 mg daily. Prescriber: Naomi Fischer, MD. Note from the patient: "
                        + "Running out on Friday.");

        // A stopped medication is no longer offered.
        mvc.perform(delete(medications + "/" + JsonPath.read(added, "$.id"))
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(status().isNoContent());
        mvc.perform(get(medications).header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(jsonPath("$.items[*].name").value(org.hamcrest.Matchers.contains("Metformin")));
    }

    @Test
    void aRefillWhoseNoteReadsAsACrisisShowsWhatToDoNow() throws Exception {
        TestPractice practice = TestPractices.register(context);
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));
        String added = mvc.perform(post("/api/v1/patients/" + patient.id().value() + "/medications")
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Sertraline\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        WebClient browser = WebClient.signedInPatient(mvc, context,
                context.getBean(Practices.class).get(practice.id()).slug(), email);

        browser.post("/portal/refills", "medication", JsonPath.read(added, "$.id"), "note",
                "I want a big bottle so I can take them all and end it tonight", "key", UUID.randomUUID().toString());

        assertThat(browser.get("/portal/refills").getResponse().getContentAsString())
                .contains("Your refill request was sent", "id=\"guidance\"", "call 911", "call or text 988");
        assertThat(jdbc.sql("SELECT crisis || '/' || queue FROM conversation WHERE practice_id = :p")
                .param("p", practice.id().value()).query(String.class).single()).isEqualTo("true/ON_CALL");
    }
}
