package org.carerelay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.carerelay.IntegrationTest;
import org.carerelay.SharedTestData;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The console inbox: the list, an open conversation with its patient, a reply, and the live list fragment. */
@IntegrationTest
class InboxPageIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    PracticeId practice;
    ConsoleSession console;

    @BeforeEach
    void aTextArrived() {
        practice = TestPractices.register(context).id();
        console = new ConsoleSession(mvc, context, practice);
        String phone = "+1312555" + (1000 + (int) (Math.random() * 9000));
        TestPatients.register(context, practice, "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        context.getBean(InboundSms.class).receive(practice, phone, "+17735550100", "Can I come in Friday instead?",
                "twilio", "SM" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM inbox_message "
                + "WHERE practice_id = :p").param("p", practice.value()).query(Long.class).single() == 1);
    }

    @Test
    void aCrisisIntoAnOpenConversationPutsItAtTheTopWithItsBadgeAndTheUrgentClock() throws Exception {
        String other = "+1312555" + (1000 + (int) (Math.random() * 9000));
        TestPatients.register(context, practice, "en", PreferredChannel.SMS,
                TestPatients.phone(other, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        context.getBean(InboundSms.class).receive(practice, other, "+17735550100", "Is the office open Saturday?",
                "twilio", "SM" + UUID.randomUUID());
        String first = jdbc.sql("SELECT sender FROM conversation WHERE practice_id = :p ORDER BY created_at LIMIT 1")
                .param("p", practice.value()).query(String.class).single();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM conversation "
                + "WHERE practice_id = :p").param("p", practice.value()).query(Long.class).single() == 2);
        context.getBean(InboundSms.class).receive(practice, first, "+17735550100",
                "I can't do this anymore, I want to end my life", "twilio", "SM" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM inbox_message "
                + "WHERE practice_id = :p AND direction = 'INBOUND'").param("p", practice.value())
                .query(Long.class).single() == 3);

        String list = console.get("/console/inbox", console.signIn(StaffRole.CLINICAL_STAFF)).getContentAsString();
        String top = list.substring(list.indexOf("cr-inbox-row"), list.indexOf("cr-inbox-row",
                list.indexOf("cr-inbox-row") + 1));
        assertThat(top).as("the lifted conversation, first").contains("Crisis", "Clinical", "On track", "reply by")
                .doesNotContain("Appointment");
        assertThat(list.substring(list.indexOf("cr-inbox-row", list.indexOf("cr-inbox-row") + 1)))
                .doesNotContain("Crisis");
    }

    @Test
    void staffSeeTheConversationWithItsPatientAndAnswerIt() throws Exception {
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);
        String list = console.get("/console/inbox", desk).getContentAsString();
        assertThat(list).contains("Ana Lopez", "Can I come in Friday instead?", "On track", "/static/js/inbox-live.js");
        String id = jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p")
                .param("p", practice.value()).query(String.class).single();

        String page = console.get("/console/inbox/" + id, desk).getContentAsString();
        assertThat(page).contains("id=\"reply-form\"", "MRN-", "transactional_sms", "Recategorize");
        String key = page.replaceAll("(?s).*name=\"key\" value=\"([0-9a-f-]+)\".*", "$1");

        MockHttpServletResponse sent = console.post("/console/inbox/" + id + "/reply", desk,
                "text", "Friday at 10 works.",
                "key", key);
        assertThat(sent.getRedirectedUrl()).isEqualTo("/console/inbox/" + id);
        // a double click
        console.post("/console/inbox/" + id + "/reply", desk, "text", "Friday at 10 works.", "key", key);
        assertThat(jdbc.sql("SELECT count(*) FROM message WHERE practice_id = :p AND template_key = 'inbox-reply'")
                .param("p", practice.value()).query(Long.class).single()).isEqualTo(1);
        assertThat(console.get("/console/inbox/" + id, desk).getContentAsString()).contains("Friday at 10 works.");

        assertThat(console.get("/console/inbox/list?view=mine", desk).getContentAsString())
                .contains("id=\"inbox-list\"").doesNotContain("<html");
        assertThat(console.get("/console/inbox?view=everything", desk).getStatus()).isEqualTo(400);
        assertThat(console.post("/console/inbox/" + id + "/reply", desk, "text", "Hi", "key", key,
                "channel", "pigeon").getStatus()).as("an unknown channel is a readable 400").isEqualTo(400);
    }

    @Test
    void theListPreviewsThePatientsLatestMessageNotOurAnswer() throws Exception {
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);
        String id = jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p")
                .param("p", practice.value()).query(String.class).single();
        String page = console.get("/console/inbox/" + id, desk).getContentAsString();
        String key = page.replaceAll("(?s).*name=\"key\" value=\"([0-9a-f-]+)\".*", "$1");
        console.post("/console/inbox/" + id + "/reply", desk, "text", "We are closed now, back at 8.", "key", key);

        assertThat(console.get("/console/inbox", desk).getContentAsString())
                .contains("Can I come in Friday instead?")
                .doesNotContain("We are closed now");
    }

    @Test
    void everyClinicianReadsAnUrgentMessageAndOnlyThoseWhoCanReadItAreOfferedToTakeIt() throws Exception {
        String phone = "+1312555" + (1000 + (int) (Math.random() * 9000));
        TestPatients.register(context, practice, "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        context.getBean(InboundSms.class).receive(practice, phone, "+17735550100",
                "I've had chest pain since this morning and it's getting worse", "twilio", "SM" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM conversation "
                + "WHERE practice_id = :p AND urgent").param("p", practice.value()).query(Long.class).single() == 1);
        String id = jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p AND urgent")
                .param("p", practice.value()).query(String.class).single();

        // A Doctor whose panel does not hold the patient (no provider linked: an empty panel), as Dr. Fischer's.
        Cookie doctor = console.signIn(StaffRole.DOCTOR);
        assertThat(console.get("/console/inbox/" + id, doctor).getContentAsString())
                .contains("chest pain since this morning", "id=\"acknowledge\"");
        assertThat(console.get("/console/inbox", doctor).getContentAsString()).contains("chest pain since this");
        assertThat(console.get("/console/inbox/" + id, console.signIn(StaffRole.CLINICAL_STAFF))
                .getContentAsString()).contains("chest pain since this morning", "id=\"acknowledge\"");

        for (StaffRole cannotRead : new StaffRole[] {StaffRole.FRONT_DESK, StaffRole.CLINIC_ADMIN}) {
            Cookie staff = console.signIn(cannotRead);
            assertThat(console.get("/console/inbox/" + id, staff).getContentAsString())
                    .as(cannotRead + " sees the paging but is not offered to take it")
                    .contains("The on-call phone is being paged", "A clinician who can read it will take it.")
                    .doesNotContain("chest pain", "id=\"acknowledge\"");
            assertThat(console.post("/console/inbox/" + id + "/acknowledge", staff).getStatus()).isEqualTo(403);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM escalation WHERE conversation_id = CAST(:c AS uuid) "
                + "AND acknowledged_at IS NULL").param("c", id).query(Long.class).single()).isEqualTo(1);
        org.carerelay.AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE practice_id = :p AND target_id = :c "
                        + "AND action = 'phi.conversation.viewed' AND payload ->> 'content' = 'true'")
                .param("p", practice.value()).param("c", id).query(Long.class).single())
                .as("the doctor's and the nurse's readings, audited").isEqualTo(2);
    }

    @Test
    void anEmailsAttachmentIsListedInTheConversationAndDownloads() throws Exception {
        String slug = jdbc.sql("SELECT slug FROM practice WHERE id = :p").param("p", practice.value())
                .query(String.class).single();
        mvc.perform(post("/webhooks/email/inbound").contentType("message/rfc822")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IntegrationTest.INBOUND_EMAIL_TOKEN)
                        .content(SharedTestData.mailTo("flanker/iphone.eml",
                                "inbox+" + slug + "@carerelay.example.test")))
                .andExpect(status().isAccepted());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM conversation "
                + "WHERE practice_id = :p AND channel = 'EMAIL'").param("p", practice.value()).query(Long.class)
                .single() == 1);
        String id = jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p AND channel = 'EMAIL'")
                .param("p", practice.value()).query(String.class).single();
        Cookie nurse = console.signIn(StaffRole.CLINICAL_STAFF);

        String page = console.get("/console/inbox/" + id, nurse).getContentAsString();
        assertThat(page).contains("photo.JPG", "KB");
        String link = page.replaceAll("(?s).*href=\"(/console/inbox/attachments/[0-9a-f-]+)\".*", "$1");
        MockHttpServletResponse file = console.get(link, nurse);
        assertThat(file.getStatus()).isEqualTo(200);
        assertThat(file.getHeader(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;");
        assertThat(file.getContentAsByteArray().length).isGreaterThan(1000);
    }

    @Test
    void aLongInboxSaysItShowsFiftyOfMoreThanAThousand() throws Exception {
        jdbc.sql("""
                INSERT INTO conversation (id, practice_id, sender, channel, category, urgent, crisis, queue, status,
                                          last_message_at, created_at, updated_at)
                SELECT gen_random_uuid(), :p, '+1773555' || lpad(n::text, 4, '0'), 'SMS', 'OTHER', false, false,
                       'FRONT_DESK', 'OPEN', now() - n * interval '1 minute', now(), now()
                FROM generate_series(1, 1001) n""").param("p", practice.value()).update();

        assertThat(console.get("/console/inbox", console.signIn(StaffRole.FRONT_DESK)).getContentAsString())
                .contains("50 of more than 1,000 shown");
    }

    @Test
    void aClinicianSeesAPossibleCrisisFirstAndWhyEachMessageWasFlagged() throws Exception {
        String possible = text("Things have been really hard since the funeral");
        String crisis = text("<b>Honestly</b> I want to kill myself");
        Cookie nurse = console.signIn(StaffRole.CLINICAL_STAFF);

        String list = console.get("/console/inbox", nurse).getContentAsString();
        String first = list.substring(list.indexOf("cr-inbox-row"), list.indexOf("cr-inbox-row",
                list.indexOf("cr-inbox-row") + 1));
        assertThat(first).as("the unopened possible crisis, first though older").contains(possible,
                "Not yet opened");

        String page = console.get("/console/inbox/" + possible, nurse).getContentAsString();
        assertThat(page).contains("id=\"possible-crisis\"", "id=\"first-opening\"", "possible crisis · model 0.",
                "<mark class=\"cr-mark-possible\">", "id=\"judgement-neither\"");
        assertThat(console.get("/console/inbox", nurse).getContentAsString())
                .as("opened: no longer unopened").doesNotContain("Not yet opened");

        page = console.get("/console/inbox/" + crisis, nurse).getContentAsString();
        assertThat(page).contains("crisis · rules", "<mark class=\"cr-mark-crisis\">kill myself</mark>",
                "&lt;b&gt;Honestly&lt;/b&gt;").doesNotContain("<b>Honestly");
    }

    @Test
    void staffWithoutClinicalAccessSeeNoFlagsNorHighlightsAndCannotJudge() throws Exception {
        String possible = text("Things have been really hard since the funeral");
        Cookie desk = console.signIn(StaffRole.FRONT_DESK);
        String page = console.get("/console/inbox/" + possible, desk).getContentAsString();
        assertThat(page).contains("id=\"possible-crisis\"", "This conversation is clinical")
                .doesNotContain("since the funeral", "<mark", "possible crisis ·", "id=\"judgement\"",
                        "id=\"first-opening\"");
        assertThat(console.post("/console/inbox/" + possible + "/category", desk, "to", "other",
                "judgement", "neither").getStatus()).isEqualTo(403);

        // A clinician judges it neither: it goes to the front desk, who may now read it, but not why it was flagged.
        Cookie doctor = console.signIn(StaffRole.DOCTOR);
        assertThat(console.post("/console/inbox/" + possible + "/category", doctor, "to", "other",
                "judgement", "neither").getRedirectedUrl()).isEqualTo("/console/inbox/" + possible);
        page = console.get("/console/inbox/" + possible, desk).getContentAsString();
        assertThat(page).contains("since the funeral").doesNotContain("<mark", "possible crisis", "cr-flag",
                "Possible crisis", "id=\"judgement\"");
        assertThat(console.get("/console/inbox/" + possible, doctor).getContentAsString())
                .as("the clinician still sees why triage flagged it").contains("possible crisis · model",
                        "<mark class=\"cr-mark-possible\">");
        assertThat(jdbc.sql("SELECT crisis || ' ' || urgent FROM triage_correction WHERE practice_id = :p")
                .param("p", practice.value()).query(String.class).list()).containsExactly("false false");
    }

    @Test
    void aMessageInAnotherLanguageSaysWhichInItsOwnWords() throws Exception {
        String spanish = text("Quiero cambiar mi cita para el viernes por favor");
        String page = console.get("/console/inbox/" + spanish, console.signIn(StaffRole.FRONT_DESK))
                .getContentAsString();
        assertThat(page).contains("lang=\"es\"", ">Español<");
        String english = jdbc.sql("SELECT c.id::text FROM conversation c JOIN inbox_message m "
                        + "ON m.conversation_id = c.id WHERE c.practice_id = :p AND m.language = 'en' LIMIT 1")
                .param("p", practice.value()).query(String.class).single();
        assertThat(console.get("/console/inbox/" + english, console.signIn(StaffRole.FRONT_DESK))
                .getContentAsString()).doesNotContain("cr-language");
    }

    /** A text from a new patient: the id of the conversation it opened. */
    private String text(String body) {
        String phone = "+1312555" + (1000 + (int) (Math.random() * 9000));
        TestPatients.register(context, practice, "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        context.getBean(InboundSms.class).receive(practice, phone, "+17735550100", body, "twilio",
                "SM" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM conversation "
                + "WHERE practice_id = :p AND sender = :s").param("p", practice.value()).param("s", phone)
                .query(Long.class).single() == 1);
        return jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p AND sender = :s")
                .param("p", practice.value()).param("s", phone).query(String.class).single();
    }

    @Test
    void staffWithoutTheInboxPermissionAreRefused() throws Exception {
        assertThat(console.get("/console/inbox", console.signIn(StaffRole.READ_ONLY)).getStatus()).isEqualTo(403);
    }
}
