package org.carerelay.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Message;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.ReplyThreading;
import org.carerelay.messaging.SendRequest;
import org.carerelay.messaging.dispatch.DispatchWorker;
import org.carerelay.messaging.inbound.InboundEmails;
import org.carerelay.messaging.template.DefaultTemplates;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Email through the SMTP adapter to GreenMail, a real SMTP server in-process. */
@SpringBootTest(properties = {
        "carerelay.db.local-data-directory=target/test-pg/smtp-${random.uuid}",
        "carerelay.demo.enabled=false",
        "carerelay.messaging.dispatch.enabled=false",
        "carerelay.settings.fallback.email-provider=smtp",
        "spring.mail.properties.mail.smtp.starttls.enable=false",
        "spring.mail.properties.mail.smtp.starttls.required=false"})
class SmtpEmailSenderIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    Messages messages;
    @Autowired
    DispatchWorker worker;
    @Autowired
    JdbcClient jdbc;

    @Test
    void marketingEmailCarriesListUnsubscribeWithOneClick() throws Exception {
        TestPractice practice = TestPractices.register(context);
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                new org.carerelay.practice.NewContactPoint(org.carerelay.practice.ContactSystem.EMAIL,
                        "news.reader@newsletter.test", true,
                        java.util.Map.of(org.carerelay.practice.ConsentPurpose.EMAIL, true,
                        org.carerelay.practice.ConsentPurpose.MARKETING_EMAIL, true),
                        org.carerelay.practice.ConsentSource.WRITTEN_FORM));
        messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null, Channel.EMAIL,
                "new-secure-message", DefaultTemplates.sample("new-secure-message"), Purpose.MARKETING, null, null));
        worker.dispatchDue();

        MimeMessage mail = smtp.getReceivedMessagesForDomain("newsletter.test")[0];
        assertThat(mail.getHeader("List-Unsubscribe")[0]).matches("<http://localhost:8080/unsubscribe/[A-Za-z0-9_-]+>");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void sendsMultipartAlternativeFromThePracticesSenderIdentity() throws Exception {
        TestPractice practice = TestPractices.register(context);
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email("ana.lopez@example.test"));

        Message message = messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.EMAIL, "appointment-reminder", DefaultTemplates.sample("appointment-reminder"), Purpose.CARE,
                null, null));
        worker.dispatchDue();

        MimeMessage[] received = smtp.getReceivedMessagesForDomain("example.test");
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Test Practice <no-reply@carerelay.localhost>");
        assertThat(mail.getSubject()).startsWith("Reminder: your appointment on Monday, November 23, 2026");
        assertThat(mail.getHeader(SmtpEmailSender.DELIVERY_HEADER)[0])
                .isEqualTo(message.deliveries().get(0).id().toString());
        MimeMultipart root = (MimeMultipart) mail.getContent();
        assertThat(root.getContentType()).startsWith("multipart/related");
        MimeMultipart body = (MimeMultipart) root.getBodyPart(0).getContent();
        assertThat(body.getContentType()).startsWith("multipart/alternative");
        assertThat(body.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(GreenMailUtil.getBody(body.getBodyPart(0))).contains("Hello Ana");
        assertThat(body.getBodyPart(1).getContentType()).startsWith("text/html");

        assertThat(jdbc.sql("SELECT status || ' ' || provider FROM delivery WHERE id = :id")
                .param("id", message.deliveries().get(0).id().value()).query(String.class).single())
                .isEqualTo("SENT smtp");
    }

    @Test
    void aReplyThreadsUnderThePatientsEmailAndItsReplyAddressLeadsBack() throws Exception {
        TestPractice practice = TestPractices.register(context);
        String office = "office-" + UUID.randomUUID() + "@clinic.example.test";
        TestPractices.store(context, practice.id(), "email.sender-address", office);
        Patient patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email("ana.lopez@thread-reply.test"));
        context.getBean(InboundEmails.class).receive(String.join("\r\n",
                "From: Ana Lopez <ana.lopez@thread-reply.test>", "To: " + office, "Subject: Question",
                "Message-ID: <question-2@thread-reply.test>",
                "In-Reply-To: <earlier-1@clinic.example.test>",
                "References: <start-0@thread-reply.test> <earlier-1@clinic.example.test>", "", "Can I come at 3?", "")
                .getBytes(StandardCharsets.US_ASCII), "email", null);
        UUID question = jdbc.sql("SELECT id FROM inbound_message WHERE practice_id = :p")
                .param("p", practice.id().value()).query(UUID.class).single();
        String token = ReplyThreading.newToken();

        Message reply = messages.send(practice.id(), Actor.system("test"), new SendRequest(patient.id(), null,
                Channel.EMAIL, "inbox-reply", Map.of("text", "Yes, 3 works.", "staffName", "Sam"),
                Purpose.TRANSACTIONAL, null, null, true, new ReplyThreading(question, token)));
        worker.dispatchDue();

        MimeMessage mail = smtp.getReceivedMessagesForDomain("thread-reply.test")[0];
        assertThat(mail.getMessageID()).isEqualTo("<" + reply.deliveries().get(0).id() + "@clinic.example.test>");
        assertThat(mail.getHeader("In-Reply-To", null)).isEqualTo("<question-2@thread-reply.test>");
        assertThat(MimeUtility.unfold(mail.getHeader("References", null))).isEqualTo(
                "<start-0@thread-reply.test> <earlier-1@clinic.example.test> <question-2@thread-reply.test>");
        assertThat(mail.getReplyTo()).extracting(Object::toString)
                .containsExactly(office.replace("@", "+r-" + token + "@"));
        assertThat(jdbc.sql("SELECT email_message_id FROM delivery WHERE id = :id")
                .param("id", reply.deliveries().get(0).id().value()).query(String.class).single())
                .as("kept, so an answer to it is known").isEqualTo(mail.getMessageID());
    }
}
