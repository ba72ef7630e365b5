package org.carerelay.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.carerelay.IntegrationTest;
import org.carerelay.PortalPatient;
import org.carerelay.SealedDeliveries;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.WebClient;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ContactPoint;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Patient;
import org.carerelay.practice.Patients;
import org.carerelay.practice.PreferredChannel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A patient sets their language and channel, adds a phone proven by a code, and says what it may be used for. */
@IntegrationTest
class PortalProfileIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void preferencesAndANewPhoneVerifiedByACode() throws Exception {
        TestPractice practice = TestPractices.register(context);
        PortalPatient signedIn = PortalPatient.signIn(mvc, context, practice.id(), "en");
        Patient patient = signedIn.patient();
        String email = signedIn.email();
        WebClient browser = signedIn.browser();
        assertThat(page(browser, "/portal/profile")).contains(email, "Verified", "Email about my care");

        browser.post("/portal/profile/preferences", "language", "es", "channel", "SMS");
        assertThat(page(browser, "/portal/profile")).contains("Guardado.", "Por mensaje de texto");
        Patient updated = context.getBean(Patients.class).find(practice.id(), patient.id());
        assertThat(updated.preferredLanguage()).isEqualTo("es");
        assertThat(updated.preferredChannel()).isEqualTo(PreferredChannel.SMS);

        assertThat(browser.post("/portal/profile/contact-points", "system", "PHONE", "value", "not a number")
                .getFlashMap().get("outcome")).isEqualTo("INVALID_CONTACT");
        MvcResult added = browser.post("/portal/profile/contact-points", "system", "PHONE", "value",
                "(312) 555-0177");
        String verify = added.getResponse().getRedirectedUrl();
        assertThat(verify).startsWith("/portal/profile/verify/");
        // Not a contact point until proven: nothing else can go to it, and nothing from it is taken as hers.
        assertThat(context.getBean(Patients.class).find(practice.id(), patient.id()).contactPoints()).hasSize(1);
        String code = SealedDeliveries.single(context, "body_text", "SELECT id, body_text FROM delivery "
                + "WHERE recipient = '+13125550177' AND practice_id = :p", Map.of("p", practice.id().value()))
                .replaceAll("(?s).*(\\d{6}).*", "$1");

        assertThat(browser.post(verify, "code", code.equals("000000") ? "111111" : "000000").getResponse()
                .getRedirectedUrl()).isEqualTo(verify);
        assertThat(browser.post(verify, "code", code).getResponse().getRedirectedUrl()).isEqualTo("/portal/profile");
        ContactPoint phone = phone(practice, patient);
        assertThat(phone.verified()).isTrue();
        assertThat(phone.consents().get(ConsentPurpose.TRANSACTIONAL_SMS)).isTrue();
        assertThat(browser.post(verify, "code", code).getFlashMap().get("outcome")).isEqualTo("EXPIRED");

        // No box ticked: appointment texts withdrawn, recorded as the patient's own decision in the portal.
        browser.post("/portal/profile/contact-points/" + phone.id().value() + "/consents");
        assertThat(phone(practice, patient).consents().get(ConsentPurpose.TRANSACTIONAL_SMS)).isFalse();
        assertThat(jdbc.sql("SELECT source FROM consent_change WHERE contact_point_id = :c ORDER BY id DESC "
                        + "LIMIT 1").param("c", phone.id().value()).query(String.class).single())
                .isEqualTo("PATIENT_PORTAL");

        // Codes are limited: three in a quarter of an hour (one sent above), then the page says to wait.
        browser.post("/portal/profile/contact-points", "system", "EMAIL", "value", "ana.work@example.test");
        browser.post("/portal/profile/contact-points", "system", "EMAIL", "value", "ana.home@example.test");
        assertThat(browser.post("/portal/profile/contact-points", "system", "EMAIL", "value",
                "ana.other@example.test").getFlashMap().get("outcome")).isEqualTo("TOO_MANY_CODES");
    }

    private ContactPoint phone(TestPractice practice, Patient patient) {
        return context.getBean(Patients.class).find(practice.id(), patient.id()).contactPoints().stream()
                .filter(contact -> contact.system() == ContactSystem.PHONE).findFirst().orElseThrow();
    }

    private static String page(WebClient browser, String path) throws Exception {
        MvcResult result = browser.get(path);
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }
}
