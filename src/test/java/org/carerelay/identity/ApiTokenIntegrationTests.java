package org.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.TestPatients;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

    /**
     * Who may mint what: only a role with {@code tokens:manage}, and only for a role whose permissions it holds
     * all of. A Clinic Admin, without {@code clinical:view}, mints no Doctor or Clinical Staff token.
     */
    static Stream<Arguments> mintingMatrix() {
        Map<StaffRole, Set<StaffRole>> mints = Map.of(
                StaffRole.SUPER_ADMIN, EnumSet.allOf(StaffRole.class),
                StaffRole.CLINIC_ADMIN, EnumSet.of(StaffRole.CLINIC_ADMIN, StaffRole.FRONT_DESK, StaffRole.BILLING,
                        StaffRole.READ_ONLY));
        return Arrays.stream(StaffRole.values()).flatMap(minter -> Arrays.stream(StaffRole.values())
                .map(requested -> Arguments.of(minter, requested,
                        mints.getOrDefault(minter, Set.of()).contains(requested) ? 201 : 403)));
    }

    @ParameterizedTest(name = "{0} mints a {1} token: {2}")
    @MethodSource("mintingMatrix")
    void nobodyMintsATokenForARoleHoldingAPermissionTheyLack(StaffRole minter, StaffRole requested, int expected)
            throws Exception {
        var result = mvc.perform(post("/api/v1/api-tokens").header(HttpHeaders.AUTHORIZATION, practice.bearer(minter))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"role\": \"" + requested.name().toLowerCase() + "\"}"))
                .andExpect(status().is(expected));
        if (expected == 403) {
            result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(403))
                    .andExpect(jsonPath("$.type").value("https://carerelay.org/problems/forbidden"))
                    .andExpect(jsonPath("$.secret").doesNotExist());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE practice_id = :p AND name = 'x'")
                .param("p", practice.id().value()).query(Long.class).single()).isEqualTo(expected == 201 ? 1 : 0);
    }

    @Test
    void aTokenActsForTheStaffMemberWhoMintedItAsTheyAreNow() throws Exception {
        StaffUser nurse = context.getBean(StaffUsers.class).create(practice.id(), Actor.system("test"),
                new StaffUserDetails("Rosa", "Diaz", "rosa." + UUID.randomUUID() + "@clinic.example.test",
                        StaffRole.CLINICAL_STAFF, true));
        Caller signedIn = context.getBean(StaffSignIn.class).current(practice.id(), nurse.id().value()).orElseThrow();
        IssuedToken issued = context.getBean(ApiTokens.class).issue(signedIn, "Rosa's charting", StaffRole.CLINICAL_STAFF);
        String bearer = "Bearer " + issued.secret();
        assertThat(issued.token().actsFor()).isEqualTo(nurse.id().value());
        AuditTrail.chain(context);
        assertThat(jdbc.sql("""
                        SELECT payload->>'actsFor' FROM audit_event WHERE practice_id = :p AND action = 'api_token.issued'
                          AND actor_type = 'STAFF' AND actor_id = :staff""")
                .param("p", practice.id().value()).param("staff", nurse.id().value().toString())
                .query(String.class).single()).isEqualTo(nurse.id().value().toString());
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL);
        String medications = "/api/v1/patients/" + patient.id().value() + "/medications";
        mvc.perform(post(medications).header(HttpHeaders.AUTHORIZATION, bearer)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Metformin\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get(medications).header(HttpHeaders.AUTHORIZATION, bearer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].name").value("Metformin"));

        String staff = "/api/v1/staff/" + nurse.id().value();
        String lowered = """
                {"givenName": "Rosa", "familyName": "Diaz", "email": "%s", "role": "front_desk", "active": %s}""";
        mvc.perform(put(staff).header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON).content(lowered.formatted(nurse.email(), true)))
                .andExpect(status().isOk());
        mvc.perform(get(medications).header(HttpHeaders.AUTHORIZATION, bearer))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://carerelay.org/problems/forbidden"));
        mvc.perform(get("/api/v1/patients").header(HttpHeaders.AUTHORIZATION, bearer))
                .andExpect(status().isOk());

        mvc.perform(put(staff).header(HttpHeaders.AUTHORIZATION, practice.admin())
                        .contentType(MediaType.APPLICATION_JSON).content(lowered.formatted(nurse.email(), false)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/patients").header(HttpHeaders.AUTHORIZATION, bearer))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aTokenMintedWithAPersonsTokenActsForThatPersonToo() throws Exception {
        StaffUser owner = context.getBean(StaffUsers.class).create(practice.id(), Actor.system("test"),
                new StaffUserDetails("Sam", "Owner", "sam." + UUID.randomUUID() + "@clinic.example.test",
                        StaffRole.SUPER_ADMIN, true));
        Caller signedIn = context.getBean(StaffSignIn.class).current(practice.id(), owner.id().value()).orElseThrow();
        String ownersToken = "Bearer " + context.getBean(ApiTokens.class)
                .issue(signedIn, "Sam's admin script", StaffRole.SUPER_ADMIN).secret();
        String minted = mvc.perform(post("/api/v1/api-tokens").header(HttpHeaders.AUTHORIZATION, ownersToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"lab feed\", \"role\": \"clinical_staff\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token.actsFor").value(owner.id().value().toString()))
                .andReturn().getResponse().getContentAsString();
        String labFeed = "Bearer " + JsonPath.read(minted, "$.secret");
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL);
        String medications = "/api/v1/patients/" + patient.id().value() + "/medications";
        mvc.perform(get(medications).header(HttpHeaders.AUTHORIZATION, labFeed)).andExpect(status().isOk());

        mvc.perform(put("/api/v1/staff/" + owner.id().value()).header(HttpHeaders.AUTHORIZATION,
                        practice.bearer(StaffRole.SUPER_ADMIN)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"givenName": "Sam", "familyName": "Owner", "email": "%s", "role": "read_only"}"""
                                .formatted(owner.email())))
                .andExpect(status().isOk());
        mvc.perform(get(medications).header(HttpHeaders.AUTHORIZATION, labFeed)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/api-tokens").header(HttpHeaders.AUTHORIZATION, ownersToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"y\", \"role\": \"read_only\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/patients").header(HttpHeaders.AUTHORIZATION, ownersToken))
                .andExpect(status().isOk());
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
