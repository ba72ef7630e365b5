package org.carerelay.console;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.carerelay.identity.StaffCredentials;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Console pages as a signed-in member of staff sees them: a session cookie, and a CSRF token on every form. */
final class ConsoleSession {

    static final String PASSWORD = "a long console passphrase";

    private final MockMvc mvc;
    private final ApplicationContext context;
    private final PracticeId practice;

    ConsoleSession(MockMvc mvc, ApplicationContext context, PracticeId practice) {
        this.mvc = mvc;
        this.context = context;
        this.practice = practice;
    }

    /** A new member of staff with {@code role}, signed in: their session cookie. */
    Cookie signIn(StaffRole role) throws Exception {
        StaffUser member = context.getBean(StaffUsers.class).create(practice, Actor.system("test"),
                new StaffUserDetails("Maria", "Staff", "s" + UUID.randomUUID() + "@clinic.example.test", role, true));
        context.getBean(StaffCredentials.class).setPassword(practice, member.id().value(), PASSWORD,
                Actor.system("test"));
        return mvc.perform(MockMvcRequestBuilders.post("/console/sign-in").with(csrf())
                        .param("email", member.email()).param("password", PASSWORD))
                .andReturn().getResponse().getCookie("CARERELAY_SESSION");
    }

    MockHttpServletResponse get(String path, Cookie session) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).cookie(session)).andReturn().getResponse();
    }

    /** A form post: {@code form} is name, value, name, value… */
    MockHttpServletResponse post(String path, Cookie session, String... form) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path).with(csrf()).cookie(session);
        for (int i = 0; i < form.length; i += 2) {
            request.param(form[i], form[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
