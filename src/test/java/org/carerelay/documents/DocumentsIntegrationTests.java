package org.carerelay.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.IntegrationTest;
import org.carerelay.TestClinic;
import org.carerelay.practice.ClinicalAccess;
import org.carerelay.practice.Medications;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.Permissions;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.WebClient;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Practices;
import org.carerelay.practice.StaffRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Staff upload a letter, release it, and the patient downloads it from the portal through a short-lived link. */
@IntegrationTest
class DocumentsIntegrationTests {

    static final byte[] LETTER = "Dear Ana, your results are normal.".getBytes(StandardCharsets.UTF_8);

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Value("${carerelay.documents.directory}")
    String directory;

    @Test
    void aReleasedLetterIsDownloadedThroughALinkMadeForTheClick() throws Exception {
        TestPractice practice = TestPractices.register(context);
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));
        String documents = "/api/v1/patients/" + patient.id().value() + "/documents";

        String uploaded = mvc.perform(multipart(documents)
                        .file(new MockMultipartFile("file", "results-letter.txt", "text/plain", LETTER))
                        .param("kind", "LETTER").param("title", "Your lab results")
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.releasedAt").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(uploaded, "$.id");
        // At rest: sealed, not the letter.
        assertThat(new String(Files.readAllBytes(Path.of(directory, id)), StandardCharsets.ISO_8859_1))
                .doesNotContain("results are normal");
        mvc.perform(multipart(documents).file(new MockMultipartFile("file", "x.txt", "text/plain", LETTER))
                        .param("kind", "LETTER").param("title", "Nope")
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.FRONT_DESK)))
                .andExpect(status().isForbidden());
        mvc.perform(multipart(documents).file(new MockMultipartFile("file", "x.txt", "text/plain", new byte[0]))
                        .param("kind", "LETTER").param("title", "Empty")
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));

        WebClient browser = WebClient.signedInPatient(mvc, context,
                context.getBean(Practices.class).get(practice.id()).slug(), email);
        assertThat(browser.get("/portal/documents").getResponse().getContentAsString()).contains("No documents yet");
        assertThat(browser.post("/portal/documents/" + id + "/download").getResponse().getStatus()).isEqualTo(404);

        mvc.perform(post(documents + "/" + id + "/release")
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.releasedAt").exists());
        assertThat(browser.get("/portal/documents").getResponse().getContentAsString())
                .contains("Your lab results", "Letter");
        String link = browser.post("/portal/documents/" + id + "/download").getResponse().getRedirectedUrl();
        assertThat(link).startsWith("/documents/download/").doesNotContain(id);

        MvcResult downloaded = mvc.perform(get(link)).andExpect(status().isOk()).andReturn();
        assertThat(downloaded.getResponse().getContentAsByteArray()).isEqualTo(LETTER);
        assertThat(downloaded.getResponse().getHeader("Content-Disposition")).contains("attachment",
                "results-letter.txt");
        mvc.perform(get("/documents/download/not-a-token")).andExpect(status().isNotFound());
    }

    @Test
    void aDoctorWorksWithTheDocumentsAndFormsOfTheirOwnPanelOnly() {
        TestPractice practice = TestPractices.register(context);
        TestClinic clinic = TestClinic.open(context, practice.id());
        Patient stranger = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email("stranger." + UUID.randomUUID() + "@example.test"));
        var doctor = context.getBean(StaffUsers.class).create(practice.id(), Actor.system("test"),
                new StaffUserDetails("Naomi", "Fischer", "naomi." + UUID.randomUUID() + "@clinic.example.test",
                        StaffRole.DOCTOR, true));
        context.getBean(ClinicalAccess.class).set(clinic.admin(), doctor.id().value(),
                new ClinicalAccess.Setting(clinic.provider().id().value(), ClinicalAccess.Scope.PANEL));
        Caller panelDoctor = new Caller(practice.id(), new Actor(Actor.Type.STAFF, doctor.id().value().toString()),
                StaffRole.DOCTOR.name(), Set.of(Permissions.CLINICAL_VIEW));

        // Never seen by Dr. Fischer: not in her panel, so not found for her, as with messages.
        assertThatThrownBy(() -> context.getBean(Documents.class).list(panelDoctor, stranger.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> context.getBean(Forms.class).responses(panelDoctor, stranger.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> context.getBean(Medications.class).view(panelDoctor, stranger.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(context.getBean(Documents.class).list(clinic.admin(), stranger.id())).isEmpty();
    }

    @Test
    void anotherPatientsDocumentIsNotFound() throws Exception {
        TestPractice practice = TestPractices.register(context);
        Patient owner = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email("owner." + UUID.randomUUID() + "@example.test"));
        String id = JsonPath.read(mvc.perform(multipart("/api/v1/patients/" + owner.id().value() + "/documents")
                        .file(new MockMultipartFile("file", "a.pdf", "application/pdf", LETTER))
                        .param("kind", "RESULT").param("title", "Result").param("release", "true")
                        .header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.CLINICAL_STAFF)))
                .andReturn().getResponse().getContentAsString(), "$.id");
        String email = "other." + UUID.randomUUID() + "@example.test";
        TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL, TestPatients.email(email));
        WebClient other = WebClient.signedInPatient(mvc, context,
                context.getBean(Practices.class).get(practice.id()).slug(), email);

        assertThat(other.post("/portal/documents/" + id + "/download").getResponse().getStatus()).isEqualTo(404);
        assertThat(other.get("/portal/documents").getResponse().getContentAsString()).doesNotContain("Result</div>");
    }
}
