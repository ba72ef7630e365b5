package org.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
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
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class StaffSignInIntegrationTests {

    static final String PASSWORD = "correct horse battery staple";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    StaffUsers staffUsers;
    @Autowired
    StaffCredentials credentials;
    @Autowired
    StaffSignIn staffSignIn;
    @Autowired
    Totp totp;
    @Autowired
    JdbcClient jdbc;

    PracticeId practice;
    StaffUser doctor;
    WebClient browser;

    @BeforeEach
    void staffMemberWithAPassword() {
        practice = TestPractices.register(context).id();
        doctor = staffUsers.create(practice, Actor.system("test"), new StaffUserDetails("Grace", "Hopper",
                "grace." + UUID.randomUUID() + "@clinic.example.test", StaffRole.DOCTOR, true));
        credentials.setPassword(practice, doctor.id().value(), PASSWORD, Actor.system("test"));
        browser = new WebClient(mvc);
    }

    @Test
    void aRightPasswordSignsInUnderANewSessionAndAWrongOneDoesNot() throws Exception {
        assertThat(browser.get("/console").getResponse().getRedirectedUrl()).endsWith("/console/sign-in");
        browser.get("/console/sign-in");
        var before = browser.session();

        assertThat(browser.post("/console/sign-in", "email", doctor.email(), "password", "wrong password!!")
                .getResponse().getStatus()).isEqualTo(401);
        MvcResult signedIn = browser.post("/console/sign-in", "email", doctor.email(), "password", PASSWORD);
        assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/console");
        assertThat(browser.session().getValue()).isNotEqualTo(before.getValue()); // rotated: no fixation

        MvcResult home = browser.get("/console");
        assertThat(home.getResponse().getStatus()).isEqualTo(200);
        assertThat(home.getResponse().getContentAsString()).contains("Welcome, Grace");
        assertThat(actions()).contains("sign_in.failed", "sign_in.succeeded");
    }

    @Test
    void staffOfTwoPracticesChooseWhenOnePasswordOpensBoth() throws Exception {
        PracticeId other = context.getBean(org.carerelay.practice.Practices.class).register(
                new org.carerelay.practice.PracticeDetails("Lakeside Clinic", "Lakeside Clinic",
                        new org.carerelay.practice.Address("2 Lake St", null, "Chicago", "IL", "60601", "US"), "en"),
                Actor.system("test")).id();
        StaffUser there = staffUsers.create(other, Actor.system("test"), new StaffUserDetails("Grace", "Hopper",
                doctor.email(), StaffRole.FRONT_DESK, true));
        credentials.setPassword(other, there.id().value(), PASSWORD, Actor.system("test"));

        assertThat(browser.post("/console/sign-in", "email", doctor.email(), "password", PASSWORD).getResponse()
                .getRedirectedUrl()).isEqualTo("/console/sign-in/practice");
        assertThat(browser.get("/console/sign-in/practice").getResponse().getContentAsString())
                .contains("Lakeside Clinic", "Test Practice");
        assertThat(browser.post("/console/sign-in/practice", "practice", other.toString()).getResponse()
                .getRedirectedUrl()).isEqualTo("/console");
        assertThat(browser.get("/console").getResponse().getContentAsString()).contains("Lakeside Clinic");

        // With a password of its own, each account opens alone.
        credentials.setPassword(other, there.id().value(), "another long passphrase", Actor.system("test"));
        WebClient again = new WebClient(mvc);
        assertThat(again.post("/console/sign-in", "email", doctor.email(), "password", "another long passphrase")
                .getResponse().getRedirectedUrl()).isEqualTo("/console");
        assertThat(again.get("/console").getResponse().getContentAsString()).contains("Lakeside Clinic");
    }

    @Test
    void repeatedFailuresSlowDownThenLockTheAddressWhetherOrNotItExists() throws Exception {
        for (String email : List.of(doctor.email(), "nobody-" + UUID.randomUUID() + "@clinic.example.test")) {
            WebClient client = new WebClient(mvc);
            List<Integer> statuses = new java.util.ArrayList<>();
            for (int attempt = 0; attempt < 4; attempt++) {
                MvcResult result = client.post("/console/sign-in", "email", email, "password", "wrong password!!");
                statuses.add(result.getResponse().getStatus());
            }
            // Two free failures, then each further attempt must wait.
            assertThat(statuses).as(email).containsExactly(401, 401, 401, 429);
            MvcResult throttled = client.post("/console/sign-in", "email", email, "password", PASSWORD);
            assertThat(throttled.getResponse().getStatus()).isEqualTo(429);
            assertThat(Long.parseLong(throttled.getResponse().getHeader("Retry-After"))).isPositive();
            assertThat(throttled.getResponse().getContentAsString()).contains("Too many attempts");
        }
    }

    @Test
    void fiveFailuresLockTheAccountForFifteenMinutes() {
        String key = "staff:" + doctor.email();
        for (int i = 0; i < SignInThrottle.LOCK_AFTER - 1; i++) {
            context.getBean(SignInThrottle.class).failed(key);
        }
        assertThat(context.getBean(SignInThrottle.class).failed(key)).isEqualTo(SignInThrottle.LOCKOUT);
        assertThat(staffSignIn.password(doctor.email(), PASSWORD).status()).isEqualTo(StaffSignIn.Status.THROTTLED);
    }

    @Test
    void anEnrolledStaffMemberNeedsTheCurrentCodeAndACodeWorksOnce() throws Exception {
        String secret = totp.newSecret();
        var caller = staffSignIn.current(practice, doctor.id().value()).orElseThrow();
        List<String> recovery = credentials.enableTotp(caller, secret, totp.codeAt(secret, totp.currentStep()));
        assertThat(recovery).hasSize(StaffCredentials.RECOVERY_CODES);

        MvcResult password = browser.post("/console/sign-in", "email", doctor.email(), "password", PASSWORD);
        assertThat(password.getResponse().getRedirectedUrl()).isEqualTo("/console/sign-in/second-factor");
        assertThat(browser.get("/console").getResponse().getStatus()).isEqualTo(302); // not signed in yet

        // The code enrollment used is spent; the next step's code is good once.
        assertThat(browser.post("/console/sign-in/second-factor", "code", totp.codeAt(secret, totp.currentStep()))
                .getResponse().getStatus()).isEqualTo(401);
        String next = totp.codeAt(secret, totp.currentStep() + 1);
        assertThat(browser.post("/console/sign-in/second-factor", "code", next).getResponse().getRedirectedUrl())
                .isEqualTo("/console");
        assertThat(browser.get("/console").getResponse().getStatus()).isEqualTo(200);

        // A recovery code instead of the app: once.
        WebClient other = new WebClient(mvc);
        other.post("/console/sign-in", "email", doctor.email(), "password", PASSWORD);
        assertThat(other.post("/console/sign-in/second-factor", "code", recovery.get(0).toLowerCase())
                .getResponse().getRedirectedUrl()).isEqualTo("/console");
        WebClient third = new WebClient(mvc);
        third.post("/console/sign-in", "email", doctor.email(), "password", PASSWORD);
        assertThat(third.post("/console/sign-in/second-factor", "code", recovery.get(0)).getResponse().getStatus())
                .isEqualTo(401);
    }

    @Test
    void whenThePracticeRequiresASecondFactorSignInGoesThroughEnrollment() throws Exception {
        var admin = staffSignIn.current(practice, doctor.id().value()).orElseThrow();
        credentials.requireTotp(admin, true);

        MvcResult password = browser.post("/console/sign-in", "email", doctor.email(), "password", PASSWORD);
        assertThat(password.getResponse().getRedirectedUrl()).isEqualTo("/console/sign-in/enroll");
        MvcResult page = browser.get("/console/sign-in/enroll");
        assertThat(page.getResponse().getContentAsString()).contains("data:image/png;base64,");
        String secret = page.getModelAndView().getModel().get("secret").toString();

        MvcResult enrolled = browser.post("/console/sign-in/enroll", "code", totp.codeAt(secret, totp.currentStep()));
        assertThat(enrolled.getResponse().getRedirectedUrl()).isEqualTo("/console/security/recovery-codes");
        assertThat(browser.get("/console").getResponse().getStatus()).isEqualTo(200);
        assertThat(credentials.totpEnabled(admin)).isTrue();
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheAccount() throws Exception {
        WebClient laptop = new WebClient(mvc);
        WebClient phone = new WebClient(mvc);
        laptop.post("/console/sign-in", "email", doctor.email(), "password", PASSWORD);
        phone.post("/console/sign-in", "email", doctor.email(), "password", PASSWORD);
        assertThat(phone.get("/console").getResponse().getStatus()).isEqualTo(200);

        var phoneSession = phone.session();
        assertThat(laptop.post("/console/sign-out-everywhere").getResponse().getRedirectedUrl())
                .isEqualTo("/console/sign-in?signedOut");
        phone.useSession(phoneSession);
        assertThat(phone.get("/console").getResponse().getRedirectedUrl()).startsWith("/console/sign-in");
        assertThat(actions()).contains("session.signed_out_everywhere");
    }

    @Test
    void aPasswordResetLinkSetsTheNewPasswordOnce() throws Exception {
        browser.post("/console/password-reset", "email", doctor.email());
        String body = org.carerelay.SealedDeliveries.single(context, "body_text", "SELECT id, body_text FROM delivery "
                + "WHERE practice_id = :p AND recipient = :to", java.util.Map.of("p", practice.value(),
                        "to", doctor.email()));
        String token = body.replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1");

        // Opening the link uses nothing up.
        assertThat(browser.get("/console/password-reset/link?token=" + token).getResponse().getContentAsString())
                .contains("Choose a new password");
        assertThat(browser.post("/console/password-reset/link", "token", token, "password", "short",
                "repeat", "short").getResponse().getStatus()).isEqualTo(400);
        String fresh = "a brand new long passphrase";
        assertThat(browser.post("/console/password-reset/link", "token", token, "password", fresh, "repeat", fresh)
                .getResponse().getRedirectedUrl()).isEqualTo("/console/sign-in?passwordSet");
        assertThat(browser.post("/console/password-reset/link", "token", token, "password", fresh, "repeat", fresh)
                .getResponse().getStatus()).isEqualTo(410);

        assertThat(staffSignIn.password(doctor.email(), PASSWORD).status()).isEqualTo(StaffSignIn.Status.WRONG);
        assertThat(staffSignIn.password(doctor.email(), fresh).status()).isEqualTo(StaffSignIn.Status.OK);
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        var response = browser.get("/console/sign-in").getResponse();
        assertThat(response.getHeader("Content-Security-Policy")).contains("script-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getCookie("CARERELAY_SESSION").isHttpOnly()).isTrue();
        assertThat(response.getHeader("Set-Cookie")).contains("SameSite=Lax");
    }

    private List<String> actions() {
        AuditTrail.chain(context);
        return jdbc.sql("SELECT action FROM audit_event WHERE practice_id = :p").param("p", practice.value())
                .query(String.class).list();
    }
}
