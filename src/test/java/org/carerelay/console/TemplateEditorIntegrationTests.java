package org.carerelay.console;

import static org.assertj.core.api.Assertions.assertThat;


import jakarta.servlet.http.Cookie;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class TemplateEditorIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

    PracticeId practice;
    ConsoleSession console;
    Cookie admin;

    @BeforeEach
    void aClinicAdminSignedIn() throws Exception {
        practice = TestPractices.register(context).id();
        console = new ConsoleSession(mvc, context, practice);
        admin = console.signIn(StaffRole.CLINIC_ADMIN);
    }

    @Test
    void listsTemplatesAndShowsTheEditorWithAPreview() throws Exception {
        assertThat(console.get("/console/templates", admin).getContentAsString())
                .contains("appointment-reminder", "shipped");
        String editor = console.get("/console/templates/appointment-reminder/es", admin).getContentAsString();
        assertThat(editor).contains("id=\"preview-parts\"", "segment(s)", "Alex", "shipped with CareRelay");
    }

    @Test
    void thePreviewNamesAMissingVariableAndTheEmailPreviewMayOnlyBeFramedByTheEditor() throws Exception {
        String fragment = console.post("/console/templates/appointment-reminder/en/preview", admin,
                "sms", "Hi {{patient.givenName}}, {{nosuch.thing}}", "sampleContext", "{}").getContentAsString();
        assertThat(fragment).contains("preview-error", "nosuch.thing").doesNotContain("<html");

        MockHttpServletResponse html = console.post("/console/templates/appointment-reminder/en/preview.html", admin,
                "emailSubject", "Hello", "emailText", "Hello {{patient.givenName}}",
                "emailHtml", "<p>Hello {{patient.givenName}}</p>", "sampleContext", "{}");
        assertThat(html.getContentAsString()).contains("<p>Hello Alex</p>");
        assertThat(html.getHeader("Content-Security-Policy")).contains("frame-ancestors 'self'")
                .doesNotContain("script-src");
        assertThat(html.getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(console.get("/console/templates/appointment-reminder/en", admin)
                .getHeader("Content-Security-Policy"))
                .contains("frame-src 'self'");
        assertThat(console.get("/console", admin).getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void savingMakesANewVersionAndATemplateWithAGapIsRefused() throws Exception {
        MockHttpServletResponse refused = console.post("/console/templates/new-secure-message/en", admin,
                "inAppTitle", "New message", "inAppBody", "From {{doctor.name}}", "sampleContext", "{}");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("doctor.name");

        MockHttpServletResponse saved = console.post("/console/templates/new-secure-message/en", admin,
                "inAppTitle", "New message", "inAppBody", "You have a new message from {{practice.brandName}}.",
                "sampleContext", "{}");
        assertThat(saved.getRedirectedUrl()).isEqualTo("/console/templates/new-secure-message/en");
        assertThat(console.get("/console/templates/new-secure-message/en", admin).getContentAsString())
                .contains("version 1,");
    }

    @Test
    void aRoleWithoutThePermissionIsRefused() throws Exception {
        Cookie frontDesk = console.signIn(StaffRole.FRONT_DESK);
        assertThat(console.get("/console/templates", frontDesk).getStatus()).isEqualTo(403);
        assertThat(console.post("/console/templates/new-secure-message/en", frontDesk,
                "inAppTitle", "x", "inAppBody", "y")
                .getStatus()).isEqualTo(403);
    }
}
