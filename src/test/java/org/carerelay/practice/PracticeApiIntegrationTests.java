package org.carerelay.practice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class PracticeApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    TestPractice practice;
    String locationId;
    String providerId;
    String typeId;

    @BeforeEach
    void setUp() throws Exception {
        practice = TestPractices.register(context);
        locationId = id(call(post("/api/v1/locations"), practice.admin(), """
                {"name": "Loop Clinic", "timeZone": "America/Chicago", "phone": "312-555-0100",
                 "address": {"line1": "20 N Wacker Dr", "city": "Chicago", "region": "IL", "postalCode": "60606", "country": "US"},
                 "businessHours": [{"day": "monday", "opens": "08:00", "closes": "17:00"}]}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.phone").value("+13125550100")));
        providerId = id(call(post("/api/v1/providers"), practice.admin(), """
                {"givenName": "Naomi", "familyName": "Fischer", "credentials": "MD", "npi": "%s",
                 "locationIds": ["%s"]}""".formatted(Npi.withCheckDigit("123456789"), locationId))
                .andExpect(status().isCreated()));
        typeId = id(call(post("/api/v1/appointment-types"), practice.admin(), """
                {"name": "Follow-up", "durationMinutes": 20, "modality": "in_person"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.modality").value("in_person")));
    }

    @Test
    void registersAPatientWithNormalizedContactPointsAndConsents() throws Exception {
        call(post("/api/v1/patients"), practice.admin(), patient("MRN-1", "(312) 555-0142", "Jane.Roe@Example.TEST"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, org.hamcrest.Matchers.startsWith("/api/v1/patients/")))
                .andExpect(jsonPath("$.contactPoints", hasSize(2)))
                .andExpect(jsonPath("$.contactPoints[0].value").value("+13125550142"))
                .andExpect(jsonPath("$.contactPoints[0].consents.transactional_sms").value(true))
                .andExpect(jsonPath("$.contactPoints[0].consents.marketing_sms").value(false))
                .andExpect(jsonPath("$.contactPoints[1].value").value("jane.roe@example.test"))
                .andExpect(jsonPath("$.timeZone").value("America/Chicago"))
                .andExpect(jsonPath("$.preferredLanguage").value("es"));
    }

    @Test
    void readingAPatientIsAuditedAsAPhiAccess() throws Exception {
        String patient = registerPatient("MRN-2");

        call(get("/api/v1/patients/" + patient), practice.bearer(StaffRole.FRONT_DESK), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mrn").value("MRN-2"));

        assertThat(auditCount("phi.patient.viewed", patient)).isEqualTo(1);
    }

    @Test
    void listsArePagesWithTheirTotal() throws Exception {
        registerPatient("MRN-3");
        registerPatient("MRN-4");
        registerPatient("MRN-5");

        call(get("/api/v1/patients?page=1&size=2"), practice.admin(), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.total").value(3));
        call(get("/api/v1/patients?size=1000"), practice.admin(), null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void searchesPatientsWithoutPuttingTheTermsInTheUrl() throws Exception {
        registerPatient("MRN-6");
        call(post("/api/v1/patients/search"), practice.admin(), """
                {"query": "roe"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1));
        call(post("/api/v1/patients/search"), practice.admin(), """
                {"query": "MRN-6"}""")
                .andExpect(jsonPath("$.items[0].mrn").value("MRN-6"));
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() throws Exception {
        expectFieldError(patient("MRN-7", "12345", "jane@example.test"), "contactPoints[0].value");
        expectFieldError(patient("MRN-7", "312-555-0142", "not-an-email"), "contactPoints[1].value");
        expectFieldError(patient("MRN-7", "312-555-0142", "jane@example.test")
                .replace("\"givenName\": \"Jane\"", "\"givenName\": \"\""), "givenName");
        expectFieldError(patient("MRN-7", "312-555-0142", "jane@example.test")
                .replace("1984-03-07", "1984-02-30"), "dateOfBirth");
        expectFieldError(patient("MRN-7", "312-555-0142", "jane@example.test")
                .replace("\"sex\": \"female\"", "\"sex\": \"female\", \"timeZone\": \"Mars/Olympus_Mons\""), "timeZone");
        expectFieldError(patient("MRN-7", "312-555-0142", "jane@example.test")
                .replace("\"preferredLanguage\": \"es\"", "\"preferredLanguage\": \"klingon\""), "preferredLanguage");

        assertThat(jdbc.sql("SELECT count(*) FROM patient WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Long.class).single())
                .as("nothing half-written").isZero();
    }

    @Test
    void malformedValuesAreClientErrorsNotServerErrors() throws Exception {
        expectFieldError(patientDetails("MRN-20").replace("}", ", \"contactPoints\": [null]}"), "contactPoints[0]");
        call(post("/api/v1/patients"), practice.admin(), patientDetails("MRN-20").replace("}",
                ", \"contactPoints\": [{\"system\": \"email\", \"value\": \"a@example.test\", "
                        + "\"consents\": {\"email\": null}}]}"))
                .andExpect(status().isBadRequest());
        call(post("/api/v1/patients"), practice.admin(), patientDetails("MRN-20").replace("Jane", "Ja\\u0000ne"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://carerelay.org/problems/unstorable-value"));
        expectFieldError(patientDetails("MRN-20").replace("\"sex\": \"female\"",
                "\"sex\": \"female\", \"timeZone\": \"Etc/GMT+5\""), "timeZone");
        call(post("/api/v1/patients/search"), practice.admin(), "{\"query\": \"   \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("query"));
    }

    @Test
    void aRefusedRegistrationLeavesNoTrace() throws Exception {
        registerPatient("MRN-8");
        long events = auditCount("patient.registered", null);

        call(post("/api/v1/patients"), practice.admin(), patient("MRN-8", "312-555-0143", "other@example.test"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://carerelay.org/problems/conflict"));

        assertThat(auditCount("patient.registered", null)).isEqualTo(events);
        assertThat(jdbc.sql("SELECT count(*) FROM contact_point WHERE practice_id = :p")
                .param("p", practice.id().value()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void unknownAndForeignIdsAreNotFound() throws Exception {
        String patient = registerPatient("MRN-9");
        TestPractice other = TestPractices.register(context);

        call(get("/api/v1/patients/" + UUID.randomUUID()), practice.admin(), null).andExpect(status().isNotFound());
        call(get("/api/v1/patients/not-a-uuid"), practice.admin(), null).andExpect(status().isNotFound());
        call(get("/api/v1/patients/" + patient), other.admin(), null)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Patient not found"));
        call(put("/api/v1/patients/" + patient), other.admin(), patientDetails("MRN-9"))
                .andExpect(status().isNotFound());
        call(post("/api/v1/patients/" + patient + "/contact-points"), other.admin(), """
                {"system": "email", "value": "x@example.test"}""").andExpect(status().isNotFound());
        call(get("/api/v1/locations/" + locationId), other.admin(), null).andExpect(status().isNotFound());
        call(get("/api/v1/providers/" + providerId), other.admin(), null).andExpect(status().isNotFound());
        call(get("/api/v1/appointment-types/" + typeId), other.admin(), null).andExpect(status().isNotFound());
    }

    @Test
    void callersNeedATokenAndThePermission() throws Exception {
        mvc.perform(get("/api/v1/patients")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401));
        call(get("/api/v1/patients"), "Bearer crt_unknown", null).andExpect(status().isUnauthorized());
        call(post("/api/v1/patients"), practice.bearer(StaffRole.READ_ONLY), patient("MRN-10", "312-555-0144",
                "a@example.test")).andExpect(status().isForbidden()).andExpect(jsonPath("$.status").value(403));
        call(post("/api/v1/locations"), practice.bearer(StaffRole.FRONT_DESK), "{}").andExpect(status().isForbidden());
        call(get("/api/v1/settings"), practice.bearer(StaffRole.DOCTOR), null).andExpect(status().isForbidden());
    }

    @Test
    void keepsEveryConsentDecisionAsHistory() throws Exception {
        String patient = registerPatient("MRN-11");
        String contact = JsonPath.read(call(get("/api/v1/patients/" + patient), practice.admin(), null)
                .andReturn().getResponse().getContentAsString(), "$.contactPoints[0].id");
        String path = "/api/v1/patients/" + patient + "/contact-points/" + contact + "/consents";

        call(post(path), practice.admin(), """
                {"purpose": "marketing_sms", "granted": true, "source": "written_form"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consents.marketing_sms").value(true));
        call(post(path), practice.admin(), """
                {"purpose": "marketing_sms", "granted": false, "source": "sms_keyword"}""")
                .andExpect(jsonPath("$.consents.marketing_sms").value(false));
        call(post(path), practice.admin(), """
                {"purpose": "email", "granted": true, "source": "staff"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("consents"));

        call(get(path), practice.admin(), null)
                .andExpect(jsonPath("$[?(@.purpose == 'marketing_sms')].source", org.hamcrest.Matchers.contains(
                        "written_form", "sms_keyword")));
    }

    @Test
    void appointmentsAreStoredInUtcAndShownInTheLocationsZone() throws Exception {
        String patient = registerPatient("MRN-12");
        // 2026-03-09 is the day after the US switch to daylight time: Chicago is at UTC-5.
        String appointment = id(call(post("/api/v1/appointments"), practice.bearer(StaffRole.FRONT_DESK), """
                {"patientId": "%s", "providerId": "%s", "locationId": "%s", "appointmentTypeId": "%s",
                 "start": "2026-03-09T10:00:00-05:00"}""".formatted(patient, providerId, locationId, typeId))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.start").value("2026-03-09T15:00:00Z"))
                .andExpect(jsonPath("$.end").value("2026-03-09T15:20:00Z"))
                .andExpect(jsonPath("$.timeZone").value("America/Chicago"))
                .andExpect(jsonPath("$.localStart").value("2026-03-09T10:00:00-05:00"))
                .andExpect(jsonPath("$.status").value("booked")));

        String change = """
                {"patientId": "%s", "providerId": "%s", "locationId": "%s", "appointmentTypeId": "%s",
                 "start": "2026-03-09T10:00:00-05:00", "status": "%s"}""";
        call(put("/api/v1/appointments/" + appointment), practice.admin(),
                change.formatted(patient, providerId, locationId, typeId, "completed"))
                .andExpect(status().isConflict());
        call(put("/api/v1/appointments/" + appointment), practice.admin(),
                change.formatted(patient, providerId, locationId, typeId, "cancelled"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("cancelled"));

        call(get("/api/v1/appointments?from=2026-03-09T00:00:00Z&to=2026-03-10T00:00:00Z&status=cancelled"),
                practice.admin(), null)
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void appointmentsAreBookedBookedOrConfirmedWithinTheCalendar() throws Exception {
        String patient = registerPatient("MRN-21");
        String booking = """
                {"patientId": "%s", "providerId": "%s", "locationId": "%s", "appointmentTypeId": "%s",
                 "start": "%s", "status": "%s"}""";
        call(post("/api/v1/appointments"), practice.admin(), booking.formatted(patient, providerId, locationId, typeId,
                "2026-03-09T10:00:00-05:00", "completed"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
        call(post("/api/v1/appointments"), practice.admin(), booking.formatted(patient, providerId, locationId, typeId,
                "+300000-01-01T10:00:00Z", "booked"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("start"));
        call(get("/api/v1/appointments").param("from", "+300000-01-01T00:00:00Z"), practice.admin(), null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        call(post("/api/v1/appointments"), practice.admin(), booking.formatted(patient, providerId,
                UUID.randomUUID(), typeId, "2026-03-09T10:00:00-05:00", "booked"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.errors[0].field").value("locationId"));
    }

    @Test
    void anAppointmentKeepsItsPlaceAndLengthWhenOnlyItsStatusChanges() throws Exception {
        String patient = registerPatient("MRN-22");
        String appointment = id(call(post("/api/v1/appointments"), practice.admin(), """
                {"patientId": "%s", "providerId": "%s", "locationId": "%s", "appointmentTypeId": "%s",
                 "start": "2026-03-09T10:00:00-05:00", "end": "2026-03-09T11:00:00-05:00"}"""
                .formatted(patient, providerId, locationId, typeId)).andExpect(status().isCreated()));
        // The provider moves to another location; the booked visit stays where it is.
        String elsewhere = id(call(post("/api/v1/locations"), practice.admin(), """
                {"name": "North Clinic", "timeZone": "America/Chicago",
                 "address": {"line1": "1 North Ave", "city": "Chicago", "region": "IL", "postalCode": "60614", "country": "US"}}"""));
        call(put("/api/v1/providers/" + providerId), practice.admin(), """
                {"givenName": "Naomi", "familyName": "Fischer", "locationIds": ["%s"]}""".formatted(elsewhere))
                .andExpect(status().isOk());

        call(put("/api/v1/appointments/" + appointment), practice.admin(), """
                {"patientId": "%s", "providerId": "%s", "locationId": "%s", "appointmentTypeId": "%s",
                 "start": "2026-03-09T10:00:00-05:00", "status": "confirmed"}"""
                .formatted(patient, providerId, locationId, typeId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("confirmed"))
                .andExpect(jsonPath("$.localEnd").value("2026-03-09T11:00:00-05:00"));
    }

    @Test
    void refusesAnAppointmentWithAnotherPracticesPatient() throws Exception {
        TestPractice other = TestPractices.register(context);
        String foreignPatient = id(call(post("/api/v1/patients"), other.admin(), patientDetails("MRN-13")));
        call(post("/api/v1/appointments"), practice.admin(), """
                {"patientId": "%s", "providerId": "%s", "locationId": "%s", "appointmentTypeId": "%s",
                 "start": "2026-03-09T10:00:00-05:00"}""".formatted(foreignPatient, providerId, locationId, typeId))
                .andExpect(status().isNotFound());
    }

    @Test
    void checksProvidersNpiAndStaffRoles() throws Exception {
        call(post("/api/v1/providers"), practice.admin(), """
                {"givenName": "A", "familyName": "B", "npi": "1234567890", "locationIds": ["%s"]}"""
                .formatted(locationId))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("npi"));
        call(post("/api/v1/staff"), practice.admin(), """
                {"givenName": "Sam", "familyName": "Root", "email": "root@example.test", "role": "super_admin"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        call(post("/api/v1/staff"), practice.admin(), """
                {"givenName": "Fran", "familyName": "Desk", "email": "Fran@Example.test", "role": "front_desk"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value("fran@example.test"))
                .andExpect(jsonPath("$.active").value(true));
    }

    @Test
    void readsAndUpdatesTheCallersOwnPractice() throws Exception {
        call(get("/api/v1/practice"), practice.bearer(StaffRole.READ_ONLY), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(practice.id().toString()));
        call(put("/api/v1/practice"), practice.admin(), """
                {"name": "Lakeside Clinic", "brandName": "Lakeside", "defaultLanguage": "es",
                 "postalAddress": {"line1": "1 Lake St", "city": "Chicago", "region": "IL", "postalCode": "60601", "country": "US"}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.brandName").value("Lakeside"));
        assertThat(auditCount("practice.updated", practice.id().toString())).isEqualTo(1);
    }

    private String registerPatient(String mrn) throws Exception {
        return id(call(post("/api/v1/patients"), practice.admin(), patient(mrn, "312-555-0142", "jane.roe@example.test"))
                .andExpect(status().isCreated()));
    }

    private String patient(String mrn, String phone, String email) {
        return """
                {"givenName": "Jane", "familyName": "Roe", "dateOfBirth": "1984-03-07", "mrn": "%s",
                 "sex": "female", "preferredLanguage": "es", "preferredChannel": "sms", "usualLocationId": "%s",
                 "contactPoints": [
                   {"system": "phone", "value": "%s", "consents": {"transactional_sms": true}},
                   {"system": "email", "value": "%s", "verified": true}]}"""
                .formatted(mrn, locationId, phone, email);
    }

    private String patientDetails(String mrn) {
        return """
                {"givenName": "Jane", "familyName": "Roe", "dateOfBirth": "1984-03-07", "mrn": "%s", "sex": "female"}"""
                .formatted(mrn);
    }

    private void expectFieldError(String body, String field) throws Exception {
        call(post("/api/v1/patients"), practice.admin(), body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://carerelay.org/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(field)));
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String bearer, String body) throws Exception {
        request.header(HttpHeaders.AUTHORIZATION, bearer);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    private static String id(ResultActions result) throws Exception {
        return JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id");
    }

    private long auditCount(String action, String target) {
        AuditTrail.chain(context);
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE practice_id = :p AND action = :action "
                        + "AND (CAST(:target AS text) IS NULL OR target_id = :target)")
                .param("p", practice.id().value())
                .param("action", action)
                .param("target", target)
                .query(Long.class).single();
    }
}
