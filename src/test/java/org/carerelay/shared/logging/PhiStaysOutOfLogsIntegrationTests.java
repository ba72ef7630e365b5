package org.carerelay.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.jayway.jsonpath.JsonPath;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A known synthetic patient goes through the API, the happy paths and the failures; none of them is logged. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PhiStaysOutOfLogsIntegrationTests {

    private static final String GIVEN = "Zebulon";
    private static final String FAMILY = "Quartermaine";
    private static final String BIRTH = "1971-05-23";
    private static final String PHONE = "(773) 555-0187";
    private static final String E164 = "+17735550187";
    private static final String EMAIL = "zebulon.quartermaine@example.test";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

    @Test
    void noRequestLogsThePatientsNamePhoneEmailOrBirthDate(CapturedOutput output) throws Exception {
        TestPractice practice = TestPractices.register(context);
        String patient = """
                {"givenName": "%s", "familyName": "%s", "dateOfBirth": "%s", "mrn": "PHI-1", "sex": "male",
                 "contactPoints": [{"system": "phone", "value": "%s"}, {"system": "email", "value": "%s"}]}"""
                .formatted(GIVEN, FAMILY, BIRTH, PHONE, EMAIL);

        String created = send(post("/api/v1/patients"), practice, patient);
        String id = JsonPath.read(created, "$.id");
        send(get("/api/v1/patients/" + id), practice, null);
        send(get("/api/v1/patients"), practice, null);
        send(post("/api/v1/patients/search"), practice, "{\"query\": \"" + FAMILY + "\"}");
        send(post("/api/v1/patients"), practice, patient); // duplicate MRN: 409
        send(post("/api/v1/patients"), practice, patient.replace("PHI-1", "PHI-2").replace(PHONE, "773-555-01870"));
        send(put("/api/v1/patients/" + id), practice, patient.replace(BIRTH, "1971-02-31"));
        send(post("/api/v1/patients"), practice, "{\"givenName\": \"" + GIVEN + "\", \"dateOfBirth\": \"" + BIRTH);
        send(post("/api/v1/patients"), "Bearer " + EMAIL, patient); // a garbled token: 401
        // Proof that output is captured at all, whether or not this class is the one that started the application
        // (its start-up lines were the only output when it was).
        LoggerFactory.getLogger(getClass()).info("requests sent");

        assertThat(output.getAll())
                .contains("requests sent")
                .doesNotContain(GIVEN, FAMILY, BIRTH, PHONE, E164, "7735550187", EMAIL);
    }

    @Test
    void theLogFormatMasksContactDetailsThatSlipIntoAMessage(CapturedOutput output) {
        LoggerFactory.getLogger(getClass()).warn("Could not reach {} at {} (born {})", EMAIL, E164, BIRTH,
                new IllegalStateException("no route to " + EMAIL));

        assertThat(output.getAll()).doesNotContain(EMAIL, E164, BIRTH).contains("[email]", "[phone]", "[date]");
    }

    private String send(MockHttpServletRequestBuilder request, TestPractice practice, String body) throws Exception {
        return send(request, practice.admin(), body);
    }

    private String send(MockHttpServletRequestBuilder request, String bearer, String body) throws Exception {
        request.header(HttpHeaders.AUTHORIZATION, bearer);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }
}
