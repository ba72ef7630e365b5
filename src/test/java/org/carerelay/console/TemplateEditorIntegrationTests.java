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
    void aReminderWithoutItsOptOutTextOrLinksIsNotSavedAndTheEditorSaysWhy() throws Exception {
        MockHttpServletResponse refused = console.post("/console/templates/appointment-reminder/en", admin,
                "sms", "{{practice.brandName}}: see you {{datetime appointment.start}}.", "sampleContext", reminderSample());
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("The SMS must say how to opt out with the word STOP",
                "Not saved until fixed:", "The SMS must keep {{links.confirm}}", "The SMS must keep {{links.cancel}}");

        // As the admin types, the live preview says the same before anything is saved.
        String preview = console.post("/console/templates/appointment-reminder/en/preview", admin,
                "sms", "{{practice.brandName}}: see you {{datetime appointment.start}}. Reply STOP to opt out.",
                "sampleContext", reminderSample()).getContentAsString();
        assertThat(preview).contains("The SMS must keep {{links.confirm}}").doesNotContain("opt out with the word STOP");

        MockHttpServletResponse refusedInSpanish = console.post("/console/templates/appointment-reminder/es", admin,
                "sms", "{{practice.brandName}}: su cita {{datetime appointment.start}}. Confirmar: {{links.confirm}} "
                        + "Cancelar: {{links.cancel}}", "sampleContext", reminderSample());
        assertThat(refusedInSpanish.getStatus()).isEqualTo(400);
        assertThat(refusedInSpanish.getContentAsString()).contains("Responda STOP para no recibir");
        assertThat(console.get("/console/templates/appointment-reminder/en", admin).getContentAsString())
                .doesNotContain("version 1,");
    }

    @Test
    void aDroppedLinkIsSavedWithAWarning() throws Exception {
        MockHttpServletResponse saved = console.post("/console/templates/appointment-reminder/en", admin,
                "sms", "{{practice.brandName}}: see you {{datetime appointment.start}}. Confirm: {{links.confirm}} "
                        + "Cancel: {{links.cancel}} Reply STOP to opt out.",
                "emailSubject", "Reminder", "emailText", "See you {{datetime appointment.start}}. Confirm: "
                        + "{{links.confirm}} Cancel: {{links.cancel}}", "sampleContext", reminderSample());
        assertThat(saved.getRedirectedUrl()).isEqualTo("/console/templates/appointment-reminder/en");
        assertThat(console.get("/console/templates/appointment-reminder/en", admin).getContentAsString())
                .contains("version 1,", "Check:",
                        "The email text no longer has {{links.reschedule}}, which the shipped template gives patients");
    }

    /** The shipped sample context of the reminder, as the editor fills it in. */
    private static String reminderSample() {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(
                org.carerelay.messaging.template.DefaultTemplates.sample("appointment-reminder"));
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
