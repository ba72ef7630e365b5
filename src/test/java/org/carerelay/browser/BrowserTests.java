package org.carerelay.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.time.LocalTime;
import java.util.Set;
import org.carerelay.practice.Address;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentFilter;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentTypeDetails;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.scheduling.ProviderSchedules;
import org.carerelay.scheduling.WorkingHours;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Permissions;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.identity.StaffCredentials;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.practice.Patient;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The portal and the console in headless Chromium: sign-in as a patient and as a staff member, the template
 * editor, the live inbox. Chromium (Debian's chromium and chromedriver, which
 * {@code .ci/run} installs; Selenium downloads nothing). The server runs for real, dispatch included, so the
 * sign-in link travels through the messaging hub to the dev outbox, where the test reads it as a developer would.
 * Screenshots of each page, on a desktop and a phone-sized window, go to {@code target/screenshots}, and each
 * page so looked at is checked with axe-core at both sizes: a test fails, once its story is told, on any serious or
 * critical accessibility violation it met, naming the page, the rule and the elements.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "carerelay.db.local-data-directory=target/test-pg/${random.uuid}",
        "carerelay.data-directory=target/test-data",
        "carerelay.demo.enabled=false",
        "carerelay.messaging.dispatch.interval=100ms"})
class BrowserTests {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    static WebDriver browser;
    /** The accessibility violations the running test met, by page and window size. */
    static final Map<String, List<String>> violations = new java.util.LinkedHashMap<>();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void chromium() throws IOException {
        // CI installs the browser and requires these tests; a developer's machine without it skips them.
        if (!"true".equals(System.getenv("CARERELAY_REQUIRE_BROWSER_TESTS"))) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMEDRIVER)), "no " + CHROMEDRIVER);
        }
        assertThat(Path.of(CHROMEDRIVER)).as("Debian's chromium-driver (installed by .ci/run)").exists();
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterEach
    void noSeriousAccessibilityViolations() {
        var met = new java.util.LinkedHashMap<>(violations);
        violations.clear();
        assertThat(met).as("serious and critical axe-core violations by page").isEmpty();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPatientSignsInWithTheLinkFromTheDevOutboxAndTheLinkWorksOnce() {
        Practice practice = context.getBean(Practices.class).get(TestPractices.register(context).id());
        String email = "ana." + UUID.randomUUID() + "@example.test";
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));

        open("/portal/sign-in?practice=" + practice.slug());
        screenshots("portal-sign-in");
        browser.findElement(By.id("contact")).sendKeys(email);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Check your email"));

        String link = linkFromDevOutbox(email);
        browser.get(link);
        screenshots("portal-confirm");
        browser.findElement(By.id("confirm-sign-in")).click();
        wait(ExpectedConditions.urlToBe(url("/portal")));
        assertThat(browser.findElement(By.id("welcome")).getText()).isEqualTo("Hello, Ana");

        // A message for the patient appears on the open page, pushed over Server-Sent Events.
        context.getBean(Messages.class).send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.IN_APP, "new-secure-message", Map.of("link", url("/portal")), Purpose.CARE, null, null));
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "New secure message"));
        screenshots("portal-home");

        browser.manage().deleteAllCookies();
        browser.get(link);
        browser.findElement(By.id("confirm-sign-in")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "no longer works"));
        screenshots("portal-link-used");
    }

    @Test
    void aStaffMemberSignsInWithPasswordAndAuthenticatorCode() {
        var practice = TestPractices.register(context).id();
        StaffUser nurse = context.getBean(StaffUsers.class).create(practice, Actor.system("test"),
                new StaffUserDetails("Nadia", "Demo", "nadia." + UUID.randomUUID() + "@clinic.example.test",
                        StaffRole.CLINICAL_STAFF, true));
        String password = "a long staff passphrase";
        StaffCredentials credentials = context.getBean(StaffCredentials.class);
        credentials.setPassword(practice, nurse.id().value(), password, Actor.system("test"));
        credentials.requireTotp(new org.carerelay.shared.Caller(practice, Actor.system("test"), "SUPER_ADMIN",
                java.util.Set.of()), true);

        browser.manage().deleteAllCookies();
        open("/console/sign-in");
        screenshots("console-sign-in");
        browser.findElement(By.id("email")).sendKeys(nurse.email());
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        // The practice requires a second factor and the nurse has none: enrollment, with a QR code.
        wait(ExpectedConditions.urlToBe(url("/console/sign-in/enroll")));
        screenshots("console-enroll");
        String secret = browser.findElement(By.cssSelector(".cr-secret")).getText();
        // Enter submits: Bootstrap's smooth scrolling can leave a button below the fold mid-scroll for a click.
        browser.findElement(By.id("code")).sendKeys(TotpCodes.now(secret) + Keys.ENTER);
        assertThat(browser.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
        screenshots("console-recovery-codes");

        // Signing in again asks for the code.
        browser.findElement(By.cssSelector("a.btn")).click();
        browser.findElement(By.id("sign-out")).click();
        browser.findElement(By.id("email")).sendKeys(nurse.email());
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(ExpectedConditions.urlToBe(url("/console/sign-in/second-factor")));
        screenshots("console-second-factor");
        browser.findElement(By.id("code")).sendKeys(TotpCodes.next(secret) + Keys.ENTER);
        wait(ExpectedConditions.urlToBe(url("/console")));
        assertThat(browser.findElement(By.id("welcome")).getText()).isEqualTo("Welcome, Nadia");
        screenshots("console-home");

        // The idle warning, on a timescale of seconds: the page's own script, told 4 s instead of 15 minutes.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                const warning = document.getElementById('session-warning');
                warning.dataset.timeout = '4'; warning.dataset.warning = '3';
                const again = document.createElement('script');
                again.src = '/static/js/session-timeout.js';
                document.body.appendChild(again);""");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("session-warning")));
        screenshots("console-idle-warning");
        browser.findElement(By.id("stay-signed-in")).click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("session-warning")));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console"));

        open("/console/security");
        screenshots("console-security");
    }

    @Test
    void aClinicAdminEditsATemplateWithALivePreview() {
        var practice = TestPractices.register(context).id();
        signInToConsole(practice, "Maria", StaffRole.CLINIC_ADMIN);
        browser.findElement(By.id("templates-link")).click();
        screenshots("console-templates");
        browser.findElement(By.linkText("Edit")).click();

        // Typing updates the preview: the SMS with its segment count, and the e-mail in its frame.
        var sms = browser.findElement(By.id("sms"));
        sms.clear();
        sms.sendKeys("Hi {{patient.givenName}}, see you soon at {{practice.brandName}}.");
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-parts"), "Hi Alex, see you soon"));
        // Without its opt-out text the editor says it will not be saved, before anyone presses Save.
        assertThat(browser.findElement(By.id("findings")).getText()).contains("Not saved until fixed",
                "opt out with the word STOP");
        sms.sendKeys(" Reply STOP to opt out.");
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("findings")));
        assertThat(browser.findElement(By.id("sms-segments")).getText()).contains("1 segment");
        browser.switchTo().frame("email-preview");
        wait(ExpectedConditions.presenceOfElementLocated(By.tagName("table")));
        browser.switchTo().defaultContent();
        screenshots("console-template-editor");

        browser.findElement(By.id("save")).submit();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("saved"), "version 1"));
    }

    @Test
    void aFrontDeskSeesATextArriveLiveAndAnswersIt() {
        var practice = TestPractices.register(context).id();
        String phone = "+1312555" + (1000 + new java.util.Random().nextInt(9000));
        TestPatients.register(context, practice, "en", PreferredChannel.SMS, TestPatients.phone(phone,
                Map.of(org.carerelay.practice.ConsentPurpose.TRANSACTIONAL_SMS, true)));
        signInToConsole(practice, "Fran", StaffRole.FRONT_DESK);
        browser.findElement(By.id("inbox-link")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("inbox-list"), "Nothing here"));

        // The text arrives while the inbox is open: the list shows it without a reload.
        context.getBean(org.carerelay.messaging.inbound.InboundSms.class).receive(practice, phone, "+17735550100",
                "Hi, can I move my Thursday appointment to Friday morning?", "twilio", "SM" + UUID.randomUUID());
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("inbox-list"), "move my Thursday"));
        screenshots("console-inbox-list");
        browser.findElement(By.cssSelector("#inbox-list a.cr-inbox-row")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("reply-form")));
        browser.findElement(By.id("reply-text")).sendKeys("Yes: Friday 9:30 is free. Shall I book it?");
        browser.findElement(By.id("send-reply")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "Reply sent."));
        assertThat(browser.findElement(By.id("conversation")).getText()).contains("Friday 9:30 is free");
        screenshots("console-inbox");
    }

    @Test
    void aNurseOpensAPossibleCrisisFirstSeesWhyAndJudgesIt() {
        var practice = TestPractices.register(context).id();
        String possible = texted(practice, "Things have been really hard since the funeral");
        texted(practice, "Quiero cambiar mi cita para el viernes por favor");
        String crisis = texted(practice, "I can't sleep and honestly I want to kill myself");
        signInToConsole(practice, "Nadia", StaffRole.CLINICAL_STAFF);
        browser.findElement(By.id("inbox-link")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("inbox-list"), "Not yet opened"));
        assertThat(browser.findElement(By.cssSelector("#inbox-list a.cr-inbox-row")).getText())
                .contains("Not yet opened");
        screenshots("console-inbox-possible-crisis-list");

        browser.findElement(By.cssSelector("#inbox-list a.cr-inbox-row")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("first-opening")));
        assertThat(browser.findElements(By.cssSelector(".cr-bubble-text mark.cr-mark-possible")))
                .extracting(org.openqa.selenium.WebElement::getText).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector(".cr-flags .cr-flag-possible")).getText())
                .startsWith("possible crisis · model 0.");
        screenshots("console-inbox-possible-crisis", "conversation");

        open("/console/inbox/" + crisis);
        assertThat(browser.findElements(By.cssSelector(".cr-bubble-text mark.cr-mark-crisis")))
                .extracting(org.openqa.selenium.WebElement::getText).contains("kill myself");
        screenshots("console-inbox-crisis-flags", "conversation");

        // Neither: a safety-lowering judgement asks first.
        open("/console/inbox/" + possible);
        screenshots("console-inbox-judgement", "judgement");
        // By keyboard: Bootstrap's smooth scrolling can leave the form mid-scroll for a click.
        browser.findElement(By.id("judgement-neither")).sendKeys(Keys.SPACE);
        assertThat(browser.findElement(By.id("judgement-neither")).isSelected()).isTrue();
        browser.findElement(By.id("recategorize-submit")).sendKeys(Keys.ENTER);
        wait(ExpectedConditions.alertIsPresent());
        assertThat(browser.switchTo().alert().getText()).startsWith("Mark this conversation as neither");
        browser.switchTo().alert().accept();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "Marked as neither"));
    }

    /** A text from a new patient of {@code practice}, filed: the id of its conversation. */
    private String texted(org.carerelay.shared.PracticeId practice, String text) {
        String phone = "+1312555" + (1000 + new java.util.Random().nextInt(9000));
        TestPatients.register(context, practice, "en", PreferredChannel.SMS, TestPatients.phone(phone,
                Map.of(org.carerelay.practice.ConsentPurpose.TRANSACTIONAL_SMS, true)));
        context.getBean(org.carerelay.messaging.inbound.InboundSms.class).receive(practice, phone, "+17735550100",
                text, "twilio", "SM" + UUID.randomUUID());
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            var id = jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p AND sender = :s")
                    .param("p", practice.value()).param("s", phone).query(String.class).optional();
            if (id.isPresent()) {
                return id.get();
            }
            sleep();
        }
        throw new AssertionError("The text was not filed");
    }

    @Test
    void theDeskSeesATextedCancellationOnTheOpenScheduleAndChecksInTheNextPatient() {
        var practice = TestPractices.register(context).id();
        Caller admin = new Caller(practice, Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        Location clinic = context.getBean(Locations.class).create(admin, new LocationDetails("Riverside Clinic",
                new Address("1 Main St", null, "Chicago", "IL", "60606", "US"), "+13125550100", "America/Chicago",
                List.of()));
        Provider provider = context.getBean(Providers.class).create(admin, new ProviderDetails("Naomi", "Fischer",
                "MD", "1234567893", List.of(clinic.id().value())));
        var followUp = context.getBean(AppointmentTypes.class).create(admin, new AppointmentTypeDetails("Follow-up",
                20, Modality.IN_PERSON, 10, List.of()));
        String phone = "+1312555" + (1000 + new java.util.Random().nextInt(9000));
        Patient ana = TestPatients.register(context, practice, "en", PreferredChannel.SMS, TestPatients.phone(phone,
                Map.of(org.carerelay.practice.ConsentPurpose.TRANSACTIONAL_SMS, true)));
        Patient ben = TestPatients.register(context, practice, "en", PreferredChannel.EMAIL,
                TestPatients.email("ben." + UUID.randomUUID() + "@example.test"));
        java.time.ZoneId chicago = java.time.ZoneId.of("America/Chicago");
        java.time.LocalDate day = java.time.LocalDate.now(chicago).plusDays(2);
        // Ana's visit is in two days; Ben's began an hour ago (a patient is checked in from the visit's day on).
        java.time.ZonedDateTime bens = java.time.ZonedDateTime.now(chicago).minusHours(1)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        for (Patient patient : List.of(ana, ben)) {
            context.getBean(Appointments.class).book(admin, new org.carerelay.practice.AppointmentDetails(
                    patient.id().value(), provider.id().value(), clinic.id().value(), followUp.id().value(),
                    (patient == ana ? day.atTime(LocalTime.of(9, 0)).atZone(chicago) : bens).toOffsetDateTime(),
                    null, null));
        }
        signInToConsole(practice, "Fran", StaffRole.FRONT_DESK);
        open("/console/schedule?location=" + clinic.id().value() + "&date=" + day);
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("day"), "9:00 AM"));

        // Ana texts X while the schedule is open: her visit shows cancelled without a reload.
        context.getBean(org.carerelay.messaging.inbound.InboundSms.class).receive(practice, phone, "+17735550100",
                "X", "twilio", "SM" + UUID.randomUUID());
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("day"), "Cancelled"));
        open("/console/schedule?location=" + clinic.id().value() + "&date=" + bens.toLocalDate());
        browser.findElements(By.cssSelector("#day tbody tr")).get(0)
                .findElement(By.xpath(".//button[normalize-space()='Check in']")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("day"), "Checked in"));
        screenshots("console-schedule");
        browser.findElement(By.id("book")).click();
        screenshots("console-schedule-book");
    }

    @Test
    void aPatientBooksAVideoVisitFindsTheConfirmationAndCancelsWithTheOneTapLink() {
        Practice practice = context.getBean(Practices.class).get(TestPractices.register(context).id());
        Caller admin = new Caller(practice.id(), Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        Location clinic = context.getBean(Locations.class).create(admin, new LocationDetails("Riverside Telehealth",
                new Address("1 Main St", null, "Chicago", "IL", "60606", "US"), "+13125550100", "America/Chicago",
                List.of()));
        Provider provider = context.getBean(Providers.class).create(admin, new ProviderDetails("Naomi", "Fischer",
                "MD", "1234567893", List.of(clinic.id().value())));
        context.getBean(AppointmentTypes.class).create(admin, new AppointmentTypeDetails("Video visit", 20,
                Modality.VIDEO, 0, List.of()));
        context.getBean(ProviderSchedules.class).replaceTemplate(admin, provider.id(),
                java.util.Arrays.stream(java.time.DayOfWeek.values()).map(day -> new WorkingHours(
                        clinic.id().value(), day, LocalTime.of(13, 0), LocalTime.of(17, 0), null, null)).toList());
        String email = "ana." + UUID.randomUUID() + "@example.test";
        TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL, TestPatients.email(email));

        open("/portal/sign-in?practice=" + practice.slug());
        browser.findElement(By.id("contact")).sendKeys(email);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Check your email"));
        browser.get(linkFromDevOutbox(email));
        browser.findElement(By.id("confirm-sign-in")).click();
        wait(ExpectedConditions.urlToBe(url("/portal")));

        browser.findElement(By.id("nav-book")).click();
        screenshots("portal-book");
        browser.findElement(By.id("show-times")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main section a.btn")));
        screenshots("portal-book-times");
        // A day at least a week away: far from the practice's cut-off, so the link can still cancel it.
        // By keyboard, as a patient without a mouse would; then reviewed, and confirmed.
        browser.findElement(By.cssSelector("main section:last-of-type a.btn")).sendKeys(Keys.ENTER);
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Video visit with Naomi Fischer"));
        screenshots("portal-book-review");
        browser.findElement(By.id("confirm")).sendKeys(Keys.ENTER);
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), "Your appointment is booked"));
        assertThat(browser.findElement(By.id("main")).getText()).contains("Video visit · Naomi Fischer, MD",
                "Join the video visit");
        screenshots("portal-appointments");

        String confirmation = fromDevOutbox(email, "is booked");
        String cancel = confirmation.replaceAll("(?s).*Cancel: (http\\S+).*", "$1")
                .replace("http://localhost:8080", url(""));
        browser.get(cancel);
        assertThat(browser.findElement(By.id("when")).getText()).isNotBlank();
        screenshots("one-tap-cancel");
        browser.findElement(By.id("cancel")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), "Your appointment is cancelled"));
        screenshots("one-tap-cancelled");
        assertThat(context.getBean(Appointments.class).list(admin, new AppointmentFilter(null, null, null, null,
                clinic.id().value(), null), new PageRequest(0, 10)).items())
                .extracting(Appointment::status).containsExactly(AppointmentStatus.CANCELLED);

        // The portal's other pages, looked at on both sizes.
        open("/portal/secure-messages");
        browser.findElement(By.id("text")).sendKeys("Can I get my flu shot at my next visit?");
        browser.findElement(By.id("send")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), "sent to your care team"));
        screenshots("portal-secure-messages");
        open("/portal/refills");
        screenshots("portal-refills");
        open("/portal/profile");
        screenshots("portal-profile");
        open("/portal/documents");
        screenshots("portal-documents");
        open("/portal/forms/intake");
        browser.findElement(By.id("submit-form")).sendKeys(Keys.ENTER);
        wait(ExpectedConditions.presenceOfElementLocated(By.id("problems")));
        screenshots("portal-form-problems");
    }

    private String linkFromDevOutbox(String email) {
        RestClient outbox = RestClient.create(url(""));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> messages = outbox.get().uri("/dev/outbox/messages").retrieve()
                    .body(new org.springframework.core.ParameterizedTypeReference<>() {
                    });
            for (Map<String, Object> message : messages) {
                if (email.equals(message.get("to"))) {
                    return String.valueOf(message.get("text")).replaceAll("(?s).*(http\\S+token=[A-Za-z0-9_-]+).*",
                            "$1").replace("http://localhost:8080", url(""));
                }
            }
            sleep();
        }
        throw new AssertionError("No sign-in link reached the dev outbox");
    }

    /** A new member of staff with {@code role}, signed in with a password in a browser with no other session. */
    private void signInToConsole(org.carerelay.shared.PracticeId practice, String givenName, StaffRole role) {
        StaffUser member = context.getBean(StaffUsers.class).create(practice, Actor.system("test"),
                new StaffUserDetails(givenName, "Staff", "staff." + UUID.randomUUID() + "@clinic.example.test", role,
                        true));
        context.getBean(StaffCredentials.class).setPassword(practice, member.id().value(), "a long staff passphrase",
                Actor.system("test"));
        browser.manage().deleteAllCookies();
        open("/console/sign-in");
        browser.findElement(By.id("email")).sendKeys(member.email());
        browser.findElement(By.id("password")).sendKeys("a long staff passphrase" + Keys.ENTER);
        wait(ExpectedConditions.urlToBe(url("/console")));
    }

    /** The text of the newest message to {@code email} whose subject contains {@code subject}. */
    private String fromDevOutbox(String email, String subject) {
        RestClient outbox = RestClient.create(url(""));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> messages = outbox.get().uri("/dev/outbox/messages").retrieve()
                    .body(new org.springframework.core.ParameterizedTypeReference<>() {
                    });
            for (Map<String, Object> message : messages) {
                if (email.equals(message.get("to")) && String.valueOf(message.get("subject")).contains(subject)) {
                    return String.valueOf(message.get("text"));
                }
            }
            sleep();
        }
        throw new AssertionError("No message about \"" + subject + "\" reached the dev outbox");
    }

    private void open(String path) {
        browser.get(url(path));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void wait(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition);
    }

    /** The page as it looks on a desktop and on a phone, and what axe-core finds wrong with it at each size. */
    private static void screenshots(String name) {
        screenshots(name, null);
    }

    /** The same, scrolled to the element with id {@code shown} at each size (a phone stacks the page's columns). */
    private static void screenshots(String name, String shown) {
        try {
            Dimension desktop = browser.manage().window().getSize();
            scrollTo(shown);
            Files.write(SCREENSHOTS.resolve(name + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            accessibility(name);
            browser.manage().window().setSize(new Dimension(390, 844));
            scrollTo(shown);
            Files.write(SCREENSHOTS.resolve(name + "-phone.png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            accessibility(name + "-phone");
            browser.manage().window().setSize(desktop);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void scrollTo(String id) {
        if (id != null) {
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0])"
                    + ".scrollIntoView({block: 'start', behavior: 'instant'})", id);
        }
    }

    private static void accessibility(String name) {
        List<String> found = Axe.violations(browser);
        if (!found.isEmpty()) {
            violations.put(name, found);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
