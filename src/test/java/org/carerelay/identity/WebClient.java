package org.carerelay.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** A browser for MockMvc: keeps the session cookie between requests and adds a CSRF token to every form. */
final class WebClient {

    private final MockMvc mvc;
    private Cookie session;

    WebClient(MockMvc mvc) {
        this.mvc = mvc;
    }

    MvcResult get(String path) throws Exception {
        return send(MockMvcRequestBuilders.get(path));
    }

    /** Posts a form of name, value pairs. */
    MvcResult post(String path, String... form) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path).with(csrf());
        for (int i = 0; i < form.length; i += 2) {
            request.param(form[i], form[i + 1]);
        }
        return send(request);
    }

    Cookie session() {
        return session;
    }

    void useSession(Cookie cookie) {
        session = cookie;
    }

    private MvcResult send(MockHttpServletRequestBuilder request) throws Exception {
        if (session != null) {
            request.cookie(session);
        }
        MvcResult result = mvc.perform(request).andReturn();
        Cookie issued = result.getResponse().getCookie("CARERELAY_SESSION");
        if (issued != null) {
            session = issued.getMaxAge() == 0 ? null : issued;
        }
        return result;
    }
}
