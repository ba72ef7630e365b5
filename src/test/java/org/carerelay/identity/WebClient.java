package org.carerelay.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** A browser for MockMvc: keeps the session cookie between requests and adds a CSRF token to every form. */
public final class WebClient {

    private final MockMvc mvc;
    private Cookie session;

    public WebClient(MockMvc mvc) {
        this.mvc = mvc;
    }

    public MvcResult get(String path) throws Exception {
        return send(MockMvcRequestBuilders.get(path));
    }

    /** Posts a form of name, value pairs. */
    public MvcResult post(String path, String... form) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path).with(csrf());
        for (int i = 0; i < form.length; i += 2) {
            request.param(form[i], form[i + 1]);
        }
        return send(request);
    }

    /**
     * A browser signed in to the portal as the patient holding {@code email}, through the emailed link as a
     * patient would (the link read from the delivery row).
     */
    public static WebClient signedInPatient(MockMvc mvc, org.springframework.context.ApplicationContext context,
            String practiceSlug, String email) throws Exception {
        WebClient browser = new WebClient(mvc);
        browser.post("/portal/sign-in", "practice", practiceSlug, "contact", email);
        String text = org.carerelay.SealedDeliveries.single(context, "body_text", "SELECT id, body_text FROM delivery "
                + "WHERE recipient = :to AND subject IS NOT NULL ORDER BY created_at DESC LIMIT 1",
                java.util.Map.of("to", email));
        browser.post("/portal/sign-in/link", "token", text.replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1"));
        return browser;
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
