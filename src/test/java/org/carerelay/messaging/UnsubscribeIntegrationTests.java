package org.carerelay.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class UnsubscribeIntegrationTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    Messages messages;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    PracticeId practice;
    Patient patient;
    String address;

    @BeforeEach
    void aPatientWhoAgreedToEmail() {
        practice = TestPractices.register(context).id();
        address = "news." + UUID.randomUUID() + "@example.test";
        patient = TestPatients.register(context, practice, "en", PreferredChannel.EMAIL, new NewContactPoint(
                ContactSystem.EMAIL, address, true, Map.of(ConsentPurpose.EMAIL, true, ConsentPurpose.MARKETING_EMAIL, true), ConsentSource.WRITTEN_FORM));
    }

    @Test
    void marketingEmailCarriesAOneClickLinkThatStopsMarketingButNotReminders() throws Exception {
        Message news = send(Purpose.MARKETING);
        assertThat(news.deliveries().get(0).status()).isEqualTo(DeliveryStatus.QUEUED);
        String token = jdbc.sql("SELECT unsubscribe_token FROM delivery WHERE message_id = :m")
                .param("m", news.id().value()).query(String.class).single();
        assertThat(token).hasSizeGreaterThan(30);
        String html = org.carerelay.SealedDeliveries.single(context, "body_html",
                "SELECT id, body_html FROM delivery WHERE message_id = :m", java.util.Map.of("m", news.id().value()));
        assertThat(html).contains("/unsubscribe/" + token, "Unsubscribe from these emails");
        assertThat(news.deliveries().get(0).text()).contains("/unsubscribe/" + token);

        // A reminder carries no such link.
        Message reminder = send(Purpose.CARE);
        assertThat(jdbc.sql("SELECT unsubscribe_token FROM delivery WHERE message_id = :m")
                .param("m", reminder.id().value()).query(String.class).optional()).isEmpty();

        // Opening the link asks; nothing changes yet (mail scanners fetch links).
        String page = mvc.perform(get("/unsubscribe/" + token)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Unsubscribe from these emails?", "Test Practice");
        assertThat(marketingConsent()).containsExactly("true:WRITTEN_FORM");

        // The mail app's one-click POST (RFC 8058): no cookie, no CSRF token.
        var oneClick = mvc.perform(post("/unsubscribe/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("List-Unsubscribe=One-Click")).andReturn().getResponse();
        assertThat(oneClick.getStatus()).isEqualTo(200);
        assertThat(oneClick.getContentAsString()).contains("You are unsubscribed");
        assertThat(marketingConsent()).containsExactly("true:WRITTEN_FORM", "false:EMAIL_UNSUBSCRIBE");
        // Again: nothing more recorded.
        mvc.perform(post("/unsubscribe/" + token));
        assertThat(marketingConsent()).hasSize(2);

        assertThat(send(Purpose.MARKETING).deliveries().get(0).reason()).isEqualTo("marketing-email-unsubscribed");
        assertThat(send(Purpose.CARE).deliveries().get(0).status()).isEqualTo(DeliveryStatus.QUEUED);
    }

    @Test
    void anUnknownLinkIsNotFoundAndChangesNothing() throws Exception {
        assertThat(mvc.perform(post("/unsubscribe/not-a-real-token")).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/unsubscribe/not-a-real-token")).andReturn().getResponse().getContentAsString())
                .contains("This link is not known");
    }

    private Message send(Purpose purpose) {
        return messages.send(practice, Actor.system("test"), new SendRequest(patient.id(), null, Channel.EMAIL,
                "new-secure-message", DefaultTemplates.sample("new-secure-message"), purpose, null, null));
    }

    private List<String> marketingConsent() {
        return jdbc.sql("""
                SELECT c.granted || ':' || c.source FROM consent_change c JOIN contact_point p ON p.id = c.contact_point_id
                WHERE p.practice_id = :practice AND p.value = :address AND c.purpose = 'MARKETING_EMAIL' ORDER BY c.id""")
                .param("practice", practice.value()).param("address", address).query(String.class).list();
    }
}
