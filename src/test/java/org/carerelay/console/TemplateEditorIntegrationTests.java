package org.carerelay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.identity.StaffCredentials;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

@IntegrationTest
class TemplateEditorIntegrationTests {

    static final String PASSWORD = "a long editor passphrase";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

    PracticeId practice;
    Cookie admin;

    @BeforeEach
    void aClinicAdminSignedIn() throws Exception {
        practice = TestPractices.register(context).id();
        admin = signIn(StaffRole.CLINIC_ADMIN);
    }

    @Test
    void listsTemplatesAndShowsTheEditorWithAPreview() throws Exception {
        assertThat(get("/console/templates", admin).getContentAsString()).contains("appointment-reminder", "shipped");
        String editor = get("/console/templates/appointment-reminder/es", admin).getContentAsString();
        assertThat(editor).contains("id=\"preview-parts\"", "segment(s)", "Alex", "shipped with CareRelay");
    }

    @Test
    void thePreviewNamesAMissingVariableAndTheEmailPreviewMayOnlyBeFramedByTheEditor() throws Exception {
        String fragment = post("/console/templates/appointment-reminder/en/preview", admin,
                "sms", "Hi {{patient.givenName}}, {{nosuch.thing}}", "sampleContext", "{}").getContentAsString();
        assertThat(fragment).contains("preview-error", "nosuch.thing").doesNotContain("<html");

        MockHttpServletResponse html = post("/console/templates/appointment-reminder/en/preview.html", admin,
                "emailSubject", "Hello", "emailText", "Hello {{patient.givenName}}",
                "emailHtml", "<p>Hello {{patient.givenName}}</p>", "sampleContext", "{}");
        assertThat(html.getContentAsString()).contains("<p>Hello Alex</p>");
        assertThat(html.getHeader("Content-Security-Policy")).contains("frame-ancestors 'self'")
                .doesNotContain("script-src");
        assertThat(html.getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(get("/console/templates/appointment-reminder/en", admin).getHeader("Content-Security-Policy"))
                .contains("frame-src 'self'");
        assertThat(get("/console", admin).getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void savingMakesANewVersionAndATemplateWithAGapIsRefused() throws Exception {
        MockHttpServletResponse refused = post("/console/templates/new-secure-message/en", admin,
                "inAppTitle", "New message", "inAppBody", "From {{doctor.name}}", "sampleContext", "{}");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("doctor.name");

        MockHttpServletResponse saved = post("/console/templates/new-secure-message/en", admin,
                "inAppTitle", "New message", "inAppBody", "You have a new message from {{practice.brandName}}.",
                "sampleContext", "{}");
        assertThat(saved.getRedirectedUrl()).isEqualTo("/console/templates/new-secure-message/en");
        assertThat(get("/console/templates/new-secure-message/en", admin).getContentAsString())
                .contains("version 1,");
    }

    @Test
    void aRoleWithoutThePermissionIsRefused() throws Exception {
        Cookie frontDesk = signIn(StaffRole.FRONT_DESK);
        assertThat(get("/console/templates", frontDesk).getStatus()).isEqualTo(403);
        assertThat(post("/console/templates/new-secure-message/en", frontDesk, "inAppTitle", "x", "inAppBody", "y")
                .getStatus()).isEqualTo(403);
    }

    private Cookie signIn(StaffRole role) throws Exception {
        StaffUser member = context.getBean(StaffUsers.class).create(practice, Actor.system("test"),
                new StaffUserDetails("Maria", "Editor", "e" + UUID.randomUUID() + "@clinic.example.test", role, true));
        context.getBean(StaffCredentials.class).setPassword(practice, member.id().value(), PASSWORD,
                Actor.system("test"));
        return mvc.perform(MockMvcRequestBuilders.post("/console/sign-in").with(csrf())
                        .param("email", member.email()).param("password", PASSWORD))
                .andReturn().getResponse().getCookie("CARERELAY_SESSION");
    }

    private MockHttpServletResponse get(String path, Cookie session) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).cookie(session)).andReturn().getResponse();
    }

    private MockHttpServletResponse post(String path, Cookie session, String... form) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path).with(csrf()).cookie(session);
        for (int i = 0; i < form.length; i += 2) {
            request.param(form[i], form[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
