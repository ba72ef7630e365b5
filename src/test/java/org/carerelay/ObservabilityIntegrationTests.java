package org.carerelay;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class ObservabilityIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Settings settings;
    @Autowired
    ApplicationContext context;

    @Test
    void healthIncludesTheDatabase() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
    }

    @Test
    void prometheusExposesTheFallbackCounter() throws Exception {
        settings.get(TestPractices.register(context).id(), Setting.EMAIL_PROVIDER);
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "carerelay_settings_fallback_total{application=\"carerelay\",key=\"email.provider\",reason=\"missing\"}")));
    }

    @Test
    void theApiDocumentationAndLandingPageAreOpen() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/patients']").exists());
        mvc.perform(get("/")).andExpect(status().isOk());
    }

    /** MockMvc has no servlet container to forward to /error, so the error page is called as the container would. */
    @Test
    void theErrorPageAnswersWithProblemDetails() throws Exception {
        mvc.perform(get("/error").requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, 404)
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.instance").value("/api/v1/nothing-here"));
    }
}
