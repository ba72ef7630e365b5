package org.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class PortalViewIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    PracticeId practice;
    Patient patient;

    @BeforeEach
    void aPatient() {
        practice = TestPractices.register(context).id();
        patient = TestPatients.register(context, practice, "en", PreferredChannel.EMAIL,
                TestPatients.email("p" + UUID.randomUUID() + "@example.test"));
    }

    @Test
    void aClinicAdminViewsThePortalAsThePatientReadOnlyAndItIsAudited() throws Exception {
        StaffUser admin = staff(StaffRole.CLINIC_ADMIN);
        WebClient browser = signedIn(admin);

        assertThat(browser.post("/console/portal-view", "mrn", patient.mrn()).getResponse().getRedirectedUrl())
                .isEqualTo("/portal");
        String page = browser.get("/portal").getResponse().getContentAsString();
        assertThat(page).contains("You are viewing the portal as this patient", "Hello, Ana")
                .doesNotContain("Sign out on every device");
        // Read-only: nothing on the portal changes while a staff member looks.
        assertThat(browser.post("/portal/sign-out-everywhere").getResponse().getStatus()).isEqualTo(403);
        assertThat(browser.get("/console").getResponse().getStatus()).isEqualTo(200);
        // A Clinic Admin may not read clinical content, in the portal as anywhere else.
        for (String clinical : List.of("/portal/secure-messages", "/portal/documents", "/portal/refills")) {
            assertThat(browser.get(clinical).getResponse().getStatus()).as(clinical).isEqualTo(404);
        }

        assertThat(browser.post("/portal/view-as/end").getResponse().getRedirectedUrl()).isEqualTo("/console");
        assertThat(browser.get("/portal").getResponse().getRedirectedUrl()).startsWith("/portal/sign-in");
        assertThat(browser.get("/console").getResponse().getStatus()).isEqualTo(200);

        AuditTrail.chain(context);
        assertThat(jdbc.sql("""
                SELECT action FROM audit_event WHERE practice_id = :p AND actor_type = 'STAFF' AND actor_id = :staff
                ORDER BY chain_seq""")
                .param("p", practice.value()).param("staff", admin.id().toString()).query(String.class).list())
                .contains("portal.impersonation_started", "phi.appointments.listed", "access.denied",
                        "portal.impersonation_ended");
    }

    @Test
    void aRoleWithoutThePermissionCannot() throws Exception {
        WebClient browser = signedIn(staff(StaffRole.FRONT_DESK));
        assertThat(browser.post("/console/portal-view", "mrn", patient.mrn()).getResponse().getStatus())
                .isEqualTo(403);
        assertThat(browser.get("/portal").getResponse().getRedirectedUrl()).startsWith("/portal/sign-in");
    }

    private StaffUser staff(StaffRole role) {
        StaffUser member = context.getBean(StaffUsers.class).create(practice, Actor.system("test"),
                new StaffUserDetails("Maria", "Admin", "m" + UUID.randomUUID() + "@clinic.example.test", role, true));
        context.getBean(StaffCredentials.class).setPassword(practice, member.id().value(), "a long admin passphrase",
                Actor.system("test"));
        return member;
    }

    private WebClient signedIn(StaffUser member) throws Exception {
        WebClient browser = new WebClient(mvc);
        browser.post("/console/sign-in", "email", member.email(), "password", "a long admin passphrase");
        return browser;
    }
}
