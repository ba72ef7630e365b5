package org.carerelay.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.carerelay.IntegrationTest;
import org.carerelay.PortalPatient;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.WebClient;
import org.carerelay.inbox.ConversationReplies;
import org.carerelay.practice.Patient;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A patient writes to the care team from the portal, the inbox gets it, and the reply comes back to the portal. */
@IntegrationTest
class PortalSecureMessagesIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aMessageGoesToTheInboxAndTheReplyComesBackWithANoticeThatSaysNothingOfIt() throws Exception {
        TestPractice practice = TestPractices.register(context);
        PortalPatient signedIn = PortalPatient.signIn(mvc, context, practice.id(), "en");
        Patient patient = signedIn.patient();
        WebClient browser = signedIn.browser();

        assertThat(browser.get("/portal/secure-messages").getResponse().getContentAsString())
                .contains("No messages yet.", "call 911");
        String key = UUID.randomUUID().toString();
        browser.post("/portal/secure-messages", "text", "Can I get my flu shot at my next visit?", "key", key);
        browser.post("/portal/secure-messages", "text", "Can I get my flu shot at my next visit?", "key", key);
        assertThat(browser.get("/portal/secure-messages").getResponse().getContentAsString())
                .contains("Your message was sent", "Can I get my flu shot at my next visit?");
        UUID conversation = jdbc.sql("SELECT id FROM conversation WHERE practice_id = :p AND channel = 'PORTAL'")
                .param("p", practice.id().value()).query(UUID.class).single();

        Caller staff = new Caller(practice.id(), Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        context.getBean(ConversationReplies.class).reply(staff, conversation, "Yes, we will have it ready.", null,
                "reply-1");

        assertThat(browser.get("/portal/secure-messages").getResponse().getContentAsString())
                .contains("Your care team", "Yes, we will have it ready.");
        assertThat(jdbc.sql("SELECT template_key || '/' || requested_channel FROM message WHERE practice_id = :p "
                        + "AND patient_id = :patient ORDER BY created_at")
                .param("p", practice.id().value()).param("patient", patient.id().value())
                .query(String.class).list())
                .containsSubsequence("inbox-reply/IN_APP", "new-secure-message/PREFERRED");

        browser.post("/portal/secure-messages", "text", "   ", "key", UUID.randomUUID().toString());
        assertThat(browser.get("/portal/secure-messages").getResponse().getContentAsString())
                .contains("Please write a message");
    }
}
