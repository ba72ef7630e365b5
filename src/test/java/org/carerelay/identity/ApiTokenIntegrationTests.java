package org.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.practice.StaffRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class ApiTokenIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    TestPractice practice;

    @BeforeEach
    void registerPractice() {
        practice = TestPractices.register(context);
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndWorksUntilRevoked() throws Exception {
        String response = mvc.perform(post("/api/v1/api-tokens").header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"EHR bridge\", \"role\": \"front_desk\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token.role").value("front_desk"))
                .andReturn().getResponse().getContentAsString();
        String secret = JsonPath.read(response, "$.secret");
        String id = JsonPath.read(response, "$.token.id");

        assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE token_hash = :s OR token_hash = :h")
                .param("s", secret).param("h", ApiTokens.hash(secret)).query(Long.class).single())
                .as("only the hash is stored").isEqualTo(1);
        String listed = mvc.perform(get("/api/v1/api-tokens").header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(listed).contains(id).doesNotContain(secret);

        mvc.perform(get("/api/v1/patients").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/settings").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
                .andExpect(status().isForbidden());

        mvc.perform(delete("/api/v1/api-tokens/" + id).header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/patients").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
                .andExpect(status().isUnauthorized());
        mvc.perform(delete("/api/v1/api-tokens/" + id).header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isConflict());
    }

    @Test
    void nobodyIssuesATokenAboveTheirOwnRole() throws Exception {
        mvc.perform(post("/api/v1/api-tokens").header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\", \"role\": \"super_admin\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        mvc.perform(post("/api/v1/api-tokens").header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.DOCTOR))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\", \"role\": \"read_only\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void nobodyRevokesATokenAboveTheirOwnRole() throws Exception {
        String superAdmin = jdbc.sql("SELECT id::text FROM api_token WHERE practice_id = :p AND role = 'SUPER_ADMIN'")
                .param("p", practice.id().value()).query(String.class).single();
        mvc.perform(delete("/api/v1/api-tokens/" + superAdmin).header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isForbidden());
    }

    @Test
    void theDemoTokenReplacesItsPredecessorAndARevokedOneNeverReturns() {
        ApiTokens tokens = context.getBean(ApiTokens.class);
        org.carerelay.shared.Actor demo = org.carerelay.shared.Actor.system("demo-seed");
        assertThat(tokens.ensure(practice.id(), "Demo", StaffRole.CLINIC_ADMIN, "crt_first_demo_token", demo)).isTrue();
        assertThat(tokens.ensure(practice.id(), "Demo", StaffRole.CLINIC_ADMIN, "crt_first_demo_token", demo)).isTrue();
        assertThat(tokens.ensure(practice.id(), "Demo", StaffRole.CLINIC_ADMIN, "crt_second_demo_token", demo)).isTrue();

        assertThat(tokens.authenticate("crt_first_demo_token")).as("replaced").isEmpty();
        assertThat(tokens.authenticate("crt_second_demo_token")).isPresent();
        assertThat(tokens.ensure(practice.id(), "Demo", StaffRole.CLINIC_ADMIN, "crt_first_demo_token", demo))
                .as("a revoked token stays revoked").isFalse();
        assertThat(tokens.authenticate("crt_first_demo_token")).isEmpty();
    }

    @Test
    void anotherPracticesTokenCannotBeRevoked() throws Exception {
        TestPractice other = TestPractices.register(context);
        String id = jdbc.sql("SELECT id::text FROM api_token WHERE practice_id = :p LIMIT 1")
                .param("p", other.id().value()).query(String.class).single();
        mvc.perform(delete("/api/v1/api-tokens/" + id).header(HttpHeaders.AUTHORIZATION, practice.admin()))
                .andExpect(status().isNotFound());
    }
}
