package org.carerelay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.identity.StaffCredentials;
import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.practice.ConsentPurpose;
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
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The console inbox: the list, an open conversation with its patient, a reply, and the live list fragment. */
@IntegrationTest
class InboxPageIntegrationTests {

    static final String PASSWORD = "a long inbox passphrase";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    PracticeId practice;

    @BeforeEach
    void aTextArrived() {
        practice = TestPractices.register(context).id();
        String phone = "+1312555" + (1000 + (int) (Math.random() * 9000));
        TestPatients.register(context, practice, "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        context.getBean(InboundSms.class).receive(practice, phone, "+17735550100", "Can I come in Friday instead?",
                "twilio", "SM" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM inbox_message "
                + "WHERE practice_id = :p").param("p", practice.value()).query(Long.class).single() == 1);
    }

    @Test
    void staffSeeTheConversationWithItsPatientAndAnswerIt() throws Exception {
        Cookie desk = signIn(StaffRole.FRONT_DESK);
        String list = get("/console/inbox", desk).getContentAsString();
        assertThat(list).contains("Ana Lopez", "Can I come in Friday instead?", "On track", "/static/js/inbox-live.js");
        String id = jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p")
                .param("p", practice.value()).query(String.class).single();

        String page = get("/console/inbox/" + id, desk).getContentAsString();
        assertThat(page).contains("id=\"reply-form\"", "MRN-", "transactional_sms", "Recategorize");
        String key = page.replaceAll("(?s).*name=\"key\" value=\"([0-9a-f-]+)\".*", "$1");

        MockHttpServletResponse sent = post("/console/inbox/" + id + "/reply", desk, "text", "Friday at 10 works.",
                "key", key);
        assertThat(sent.getRedirectedUrl()).isEqualTo("/console/inbox/" + id);
        post("/console/inbox/" + id + "/reply", desk, "text", "Friday at 10 works.", "key", key); // a double click
        assertThat(jdbc.sql("SELECT count(*) FROM message WHERE practice_id = :p AND template_key = 'inbox-reply'")
                .param("p", practice.value()).query(Long.class).single()).isEqualTo(1);
        assertThat(get("/console/inbox/" + id, desk).getContentAsString()).contains("Friday at 10 works.");

        assertThat(get("/console/inbox/list?view=mine", desk).getContentAsString())
                .contains("id=\"inbox-list\"").doesNotContain("<html");
        assertThat(get("/console/inbox?view=everything", desk).getStatus()).isEqualTo(400);
    }

    @Test
    void staffWithoutTheInboxPermissionAreRefused() throws Exception {
        assertThat(get("/console/inbox", signIn(StaffRole.READ_ONLY)).getStatus()).isEqualTo(403);
    }

    private Cookie signIn(StaffRole role) throws Exception {
        StaffUser member = context.getBean(StaffUsers.class).create(practice, Actor.system("test"),
                new StaffUserDetails("Maria", "Desk", "d" + UUID.randomUUID() + "@clinic.example.test", role, true));
        context.getBean(StaffCredentials.class).setPassword(practice, member.id().value(), PASSWORD,
                Actor.system("test"));
        return mvc.perform(MockMvcRequestBuilders.post("/console/sign-in").with(csrf())
                        .param("email", member.email()).param("password", PASSWORD))
                .andReturn().getResponse().getCookie("CARERELAY_SESSION");
    }

    private MockHttpServletResponse get(String path, Cookie session) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).cookie(session)).andReturn().getResponse();
    }

    private MockHttpServletResponse post(String path, Cookie session, String... form) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path).with(csrf()).cookie(session);
        for (int i = 0; i < form.length; i += 2) {
            request.param(form[i], form[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
