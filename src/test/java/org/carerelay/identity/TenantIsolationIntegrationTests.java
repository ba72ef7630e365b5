package org.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.practice.Npi;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Practice A's staff and tokens get 404 for every read, list and change of practice B's data, as if it did not
 * exist; and row-level security hides B's rows from a transaction made for A even when the query forgets its
 * practice condition.
 */
@IntegrationTest
class TenantIsolationIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    TestPractice a;
    TestPractice b;
    Map<String, String> bodies;
    String location;
    String provider;
    String type;
    String staff;
    String patient;
    String contact;
    String appointment;
    String token;

    @BeforeEach
    void practiceBHasOneOfEverything() throws Exception {
        a = TestPractices.register(context);
        b = TestPractices.register(context);
        String locationBody = """
                {"name": "B Clinic", "timeZone": "America/Chicago",
                 "address": {"line1": "1 B St", "city": "Chicago", "region": "IL", "postalCode": "60606", "country": "US"}}""";
        location = created("/api/v1/locations", locationBody);
        String providerBody = """
                {"givenName": "Bea", "familyName": "Bee", "npi": "%s", "locationIds": ["%s"]}"""
                .formatted(Npi.withCheckDigit("223456789"), location);
        provider = created("/api/v1/providers", providerBody);
        String typeBody = """
                {"name": "B visit", "durationMinutes": 20, "modality": "in_person"}""";
        type = created("/api/v1/appointment-types", typeBody);
        String staffBody = """
                {"givenName": "Bo", "familyName": "Desk", "email": "bo@b.example.test", "role": "front_desk"}""";
        staff = created("/api/v1/staff", staffBody);
        String patientBody = """
                {"givenName": "Bianca", "familyName": "Bee", "dateOfBirth": "1980-01-02", "mrn": "B-1", "sex": "female",
                 "contactPoints": [{"system": "email", "value": "bianca@b.example.test", "verified": true}]}""";
        String registered = send(post("/api/v1/patients"), b.admin(), patientBody);
        patient = JsonPath.read(registered, "$.id");
        contact = JsonPath.read(registered, "$.contactPoints[0].id");
        String appointmentBody = """
                {"patientId": "%s", "providerId": "%s", "locationId": "%s", "appointmentTypeId": "%s",
                 "start": "2030-03-09T10:00:00-05:00"}""".formatted(patient, provider, location, type);
        appointment = created("/api/v1/appointments", appointmentBody);
        token = JsonPath.read(send(post("/api/v1/api-tokens"), b.admin(), """
                {"name": "B bridge", "role": "front_desk"}"""), "$.token.id");
        bodies = Map.of("location", locationBody, "provider", providerBody, "type", typeBody, "staff", staffBody,
                "patient", patientBody, "appointment", appointmentBody);
    }

    @Test
    void everyReadAndChangeOfAnotherPracticesDataIsNotFound() throws Exception {
        List<MockHttpServletRequestBuilder> attempts = List.of(
                get("/api/v1/locations/" + location), put("/api/v1/locations/" + location),
                get("/api/v1/providers/" + provider), put("/api/v1/providers/" + provider),
                get("/api/v1/appointment-types/" + type), put("/api/v1/appointment-types/" + type),
                get("/api/v1/staff/" + staff), put("/api/v1/staff/" + staff),
                get("/api/v1/patients/" + patient), put("/api/v1/patients/" + patient),
                post("/api/v1/patients/" + patient + "/contact-points"),
                put("/api/v1/patients/" + patient + "/contact-points/" + contact),
                get("/api/v1/patients/" + patient + "/contact-points/" + contact + "/consents"),
                post("/api/v1/patients/" + patient + "/contact-points/" + contact + "/consents"),
                get("/api/v1/appointments/" + appointment), put("/api/v1/appointments/" + appointment),
                delete("/api/v1/api-tokens/" + token));
        for (MockHttpServletRequestBuilder attempt : attempts) {
            String path = attempt.buildRequest(context.getBean(jakarta.servlet.ServletContext.class)).getRequestURI();
            String body = bodyFor(path);
            int status = mvc.perform(attempt.header(HttpHeaders.AUTHORIZATION, a.admin())
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andReturn().getResponse().getStatus();
            assertThat(status).as(path).isEqualTo(404);
        }
        // B's data is as B left it, and its token still works.
        assertThat(JsonPath.<String>read(send(get("/api/v1/patients/" + patient), b.admin(), null), "$.givenName"))
                .isEqualTo("Bianca");
        assertThat(jdbc.sql("SELECT revoked_at IS NULL FROM api_token WHERE id = CAST(:id AS uuid)")
                .param("id", token).query(Boolean.class).single()).isTrue();
    }

    @Test
    void listsAndReferencesNeverReachAnotherPractice() throws Exception {
        for (String list : List.of("/api/v1/locations", "/api/v1/providers", "/api/v1/appointment-types",
                "/api/v1/staff", "/api/v1/patients", "/api/v1/appointments", "/api/v1/api-tokens")) {
            String page = send(get(list), a.admin(), null);
            assertThat(page).as(list).doesNotContain(location, provider, type, staff, patient, appointment, token);
        }
        // Booking A's appointment for B's patient, provider and location: B's ids are unknown here.
        int status = mvc.perform(post("/api/v1/appointments").header(HttpHeaders.AUTHORIZATION, a.admin())
                        .contentType(MediaType.APPLICATION_JSON).content(bodies.get("appointment")))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(404);
    }

    @Test
    void aQueryThatForgetsThePracticeStillSeesNothingOfAnotherPractice() {
        Caller callerOfA = new Caller(a.id(), new Actor(Actor.Type.API_TOKEN, "test"), "SUPER_ADMIN", Set.of());
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(callerOfA, null));
        try {
            long seen = new TransactionTemplate(transactions).execute(status -> jdbc.sql(
                    "SELECT count(*) FROM patient WHERE id = CAST(:id AS uuid)").param("id", patient)
                    .query(Long.class).single());
            assertThat(seen).isZero();
            int changed = new TransactionTemplate(transactions).execute(status -> jdbc.sql(
                    "UPDATE patient SET given_name = 'Mallory' WHERE id = CAST(:id AS uuid)").param("id", patient)
                    .update());
            assertThat(changed).isZero();
            long appointments = new TransactionTemplate(transactions).execute(status -> jdbc.sql(
                    "SELECT count(*) FROM appointment WHERE practice_id = :b").param("b", b.id().value())
                    .query(Long.class).single());
            assertThat(appointments).isZero();
        } finally {
            SecurityContextHolder.clearContext();
        }
        // Without a caller (the dispatch worker, a webhook) the same query sees the row: the backstop is per caller.
        Long unscoped = new TransactionTemplate(transactions).execute(status -> jdbc.sql(
                "SELECT count(*) FROM patient WHERE id = CAST(:id AS uuid)").param("id", patient)
                .query(Long.class).single());
        assertThat(unscoped).isEqualTo(1);
    }

    private String bodyFor(String path) {
        if (path.contains("/consents")) {
            return "{\"purpose\": \"email\", \"granted\": true, \"source\": \"staff\"}";
        }
        if (path.contains("/contact-points")) {
            return "{\"system\": \"email\", \"value\": \"x@a.example.test\", \"verified\": true}";
        }
        String kind = path.split("/")[3];
        return switch (kind) {
            case "locations" -> bodies.get("location");
            case "providers" -> bodies.get("provider");
            case "appointment-types" -> bodies.get("type");
            case "staff" -> bodies.get("staff");
            case "patients" -> """
                    {"givenName": "Mallory", "familyName": "Bee", "dateOfBirth": "1980-01-02", "mrn": "B-1",
                     "sex": "female"}""";
            case "appointments" -> bodies.get("appointment");
            default -> "{}";
        };
    }

    private String created(String path, String body) throws Exception {
        return JsonPath.read(send(post(path), b.admin(), body), "$.id");
    }

    private String send(MockHttpServletRequestBuilder request, String bearer, String body) throws Exception {
        request.header(HttpHeaders.AUTHORIZATION, bearer);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(request.toString()).isLessThan(300);
        return response.getContentAsString();
    }
}
