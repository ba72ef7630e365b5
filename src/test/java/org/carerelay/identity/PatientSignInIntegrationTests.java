package org.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.Patient;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.ConsentSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class PatientSignInIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    PatientSignIn signIn;
    @Autowired
    JdbcClient jdbc;

    Practice practice;
    String email;
    Patient patient;

    @BeforeEach
    void aPatientWithAVerifiedEmail() {
        practice = context.getBean(Practices.class).get(TestPractices.register(context).id());
        email = "ana." + UUID.randomUUID() + "@example.test";
        patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL, TestPatients.email(email));
    }

    @Test
    void theEmailedLinkSignsInOnlyWhenConfirmedAndOnlyOnce() throws Exception {
        // Sent, at the end, through an SMTP relay that is not configured (see there). Stored before anything reads
        // the practice's settings: they are cached for a few seconds, and this row bypasses Settings.set.
        TestPractices.store(context, practice.id(), "email.provider", "smtp");
        WebClient browser = new WebClient(mvc);
        MvcResult asked = browser.post("/portal/sign-in", "practice", practice.slug(), "contact", email.toUpperCase());
        assertThat(asked.getResponse().getContentAsString()).contains("Check your email");
        String token = linkToken(email);

        // A mail scanner fetching the link uses nothing up.
        WebClient scanner = new WebClient(mvc);
        assertThat(scanner.get("/portal/sign-in/link?token=" + token).getResponse().getContentAsString())
                .contains("Continue to sign in");

        MvcResult confirmed = browser.post("/portal/sign-in/link", "token", token);
        assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/portal");
        MvcResult home = browser.get("/portal");
        assertThat(home.getResponse().getStatus()).isEqualTo(200);
        assertThat(home.getResponse().getContentAsString()).contains("Hello, Ana");

        MvcResult reused = new WebClient(mvc).post("/portal/sign-in/link", "token", token);
        assertThat(reused.getResponse().getStatus()).isEqualTo(410);
        assertThat(reused.getResponse().getContentAsString()).contains("Send me a new link");
        assertThat(actions()).contains("sign_in.link_issued", "sign_in.link_consumed", "sign_in.succeeded");
        // The link is kept only as a hash.
        assertThat(jdbc.sql("SELECT count(*) FROM sign_in_link WHERE token_hash = :t").param("t", token)
                .query(Long.class).single()).isZero();
        // Once a real provider took it or it was given up on, the message's text (the link) is not kept either.
        // (Tests send through the dev outbox, whose mailbox is the row itself: here an SMTP relay, not configured.)
        context.getBean(org.carerelay.messaging.dispatch.DispatchWorker.class).dispatchDue();
        assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE recipient = :to AND body_text IS NOT NULL")
                .param("to", email).query(Long.class).single()).isZero();
    }

    @Test
    void aStaffMemberSignedInOnTheSameDeviceChangesNothingForThePatient() throws Exception {
        var other = TestPractices.register(context).id();
        var staff = context.getBean(org.carerelay.practice.StaffUsers.class).create(other,
                org.carerelay.shared.Actor.system("test"), new org.carerelay.practice.StaffUserDetails("Fran", "Desk",
                        "fran." + UUID.randomUUID() + "@clinic.example.test",
                        org.carerelay.practice.StaffRole.FRONT_DESK, true));
        context.getBean(StaffCredentials.class).setPassword(other, staff.id().value(), "a long desk passphrase",
                org.carerelay.shared.Actor.system("test"));
        WebClient sharedComputer = new WebClient(mvc);
        sharedComputer.post("/console/sign-in", "email", staff.email(), "password", "a long desk passphrase");
        assertThat(sharedComputer.get("/console").getResponse().getStatus()).isEqualTo(200);

        // The portal does not see the staff member, and the link goes out in the patient's practice.
        sharedComputer.post("/portal/sign-in", "practice", practice.slug(), "contact", email);
        assertThat(sharedComputer.post("/portal/sign-in/link", "token", linkToken(email)).getResponse()
                .getRedirectedUrl()).isEqualTo("/portal");
        assertThat(sharedComputer.get("/portal").getResponse().getStatus()).isEqualTo(200);
        // One person per browser session: the patient's sign-in ended the staff member's.
        assertThat(sharedComputer.get("/console").getResponse().getStatus()).isEqualTo(302);
    }

    @Test
    void twoConcurrentConfirmationsMakeExactlyOneSession() throws Exception {
        signIn.request(practice, email, "198.51.100.7");
        String token = linkToken(email);
        for (int round = 0; round < 5; round++) {
            if (round > 0) {
                signIn.request(practice, email, "198.51.100.7");
                token = linkToken(email);
            }
            String used = token;
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Boolean>> racers = List.of(1, 2).stream()
                    .map(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return signIn.useLink(used).isPresent();
                    })).toList();
            start.countDown();
            assertThat(racers.stream().map(CompletableFuture::join).filter(won -> won).count()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownAddressGetsTheSamePageAndNothingIsSent() throws Exception {
        WebClient browser = new WebClient(mvc);
        String known = browser.post("/portal/sign-in", "practice", practice.slug(), "contact", email)
                .getResponse().getContentAsString();
        MvcResult unknown = browser.post("/portal/sign-in", "practice", practice.slug(), "contact",
                "nobody-" + UUID.randomUUID() + "@example.test");
        assertThat(unknown.getResponse().getStatus()).isEqualTo(200);
        assertThat(heading(unknown.getResponse().getContentAsString())).isEqualTo(heading(known));
        assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE practice_id = :p").param("p", practice.id().value())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aTextedCodeSignsInAndFiveWrongCodesEndTheAttempt() throws Exception {
        String phone = "+1312555" + String.format("%04d", (int) (Math.random() * 10000));
        TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS, TestPatients.phone(phone, Map.of()));
        WebClient browser = new WebClient(mvc);
        MvcResult asked = browser.post("/portal/sign-in", "practice", practice.slug(), "contact", phone);
        assertThat(asked.getResponse().getRedirectedUrl()).isEqualTo("/portal/sign-in/code");
        String code = smsCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";

        assertThat(browser.post("/portal/sign-in/code", "code", wrong).getResponse().getStatus()).isEqualTo(401);
        assertThat(actions()).contains("sign_in.failed");
        assertThat(browser.post("/portal/sign-in/code", "code", code).getResponse().getRedirectedUrl())
                .isEqualTo("/portal");

        WebClient guesser = new WebClient(mvc);
        guesser.post("/portal/sign-in", "practice", practice.slug(), "contact", phone);
        String secondCode = smsCode(phone);
        for (int i = 0; i < PatientSignIn.CODE_ATTEMPTS; i++) {
            guesser.post("/portal/sign-in/code", "code", secondCode.equals("000000") ? "111111" : "000000");
        }
        assertThat(guesser.post("/portal/sign-in/code", "code", secondCode).getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void aFamilyPhoneLetsItsVerifiedHoldersChooseAndNobodyElse() throws Exception {
        String phone = "+1773555" + String.format("%04d", (int) (Math.random() * 10000));
        Patient mother = TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of()));
        Patient son = TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of()));
        Patient lodger = TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                new NewContactPoint(ContactSystem.PHONE, phone, false, Map.of(), ConsentSource.STAFF));

        WebClient browser = new WebClient(mvc);
        browser.post("/portal/sign-in", "practice", practice.slug(), "contact", phone);
        MvcResult proven = browser.post("/portal/sign-in/code", "code", smsCode(phone));
        assertThat(proven.getResponse().getRedirectedUrl()).isEqualTo("/portal/sign-in/choose");
        MvcResult chooser = browser.get("/portal/sign-in/choose");
        String page = chooser.getResponse().getContentAsString();
        assertThat(page).contains(mother.id().toString(), son.id().toString()).doesNotContain(lodger.id().toString());

        assertThat(browser.post("/portal/sign-in/choose", "patient", lodger.id().toString()).getResponse()
                .getRedirectedUrl()).isEqualTo("/portal/sign-in");
        assertThat(browser.get("/portal").getResponse().getStatus()).isEqualTo(302);
    }

    @Test
    void askingTooOftenIsRefusedWithRetryAfter() throws Exception {
        WebClient browser = new WebClient(mvc);
        for (int i = 0; i < SignInRateLimits.PER_CONTACT; i++) {
            assertThat(browser.post("/portal/sign-in", "practice", practice.slug(), "contact", email)
                    .getResponse().getStatus()).isEqualTo(200);
        }
        MvcResult refused = browser.post("/portal/sign-in", "practice", practice.slug(), "contact", email);
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(refused.getResponse().getHeader("Retry-After")).isNotBlank();
    }

    @Test
    void somethingThatIsNeitherAnAddressNorANumberIsExplained() throws Exception {
        MvcResult result = new WebClient(mvc).post("/portal/sign-in", "practice", practice.slug(), "contact", "hello");
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResponse().getContentAsString()).contains("Enter an email address or a mobile phone number");
    }

    @Test
    void anExpiredLinkOffersANewOne() throws Exception {
        signIn.request(practice, email, "198.51.100.8");
        String token = linkToken(email);
        jdbc.sql("UPDATE sign_in_link SET expires_at = now() - interval '1 second' WHERE practice_id = :p")
                .param("p", practice.id().value()).update();
        MvcResult expired = new WebClient(mvc).post("/portal/sign-in/link", "token", token);
        assertThat(expired.getResponse().getStatus()).isEqualTo(410);
    }

    private String linkToken(String to) {
        return lastText(to).replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1");
    }

    private String smsCode(String to) {
        return lastText(to).replaceAll("(?s).*code is (\\d{6}).*", "$1");
    }

    private String lastText(String to) {
        return org.carerelay.SealedDeliveries.single(context, "body_text", "SELECT id, body_text FROM delivery "
                + "WHERE recipient = :to ORDER BY created_at DESC LIMIT 1", java.util.Map.of("to", to));
    }

    private static String heading(String page) {
        return page.replaceAll("(?s).*<h1>(.*?)</h1>.*", "$1");
    }

    private List<String> actions() {
        AuditTrail.chain(context);
        return jdbc.sql("SELECT action FROM audit_event WHERE practice_id = :p").param("p", practice.id().value())
                .query(String.class).list();
    }
}
