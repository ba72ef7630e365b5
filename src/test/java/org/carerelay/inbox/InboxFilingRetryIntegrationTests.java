package org.carerelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** A filing that fails inside the webhook's transaction loses nothing: the text is kept and filed by a retry. */
@IntegrationTest
class InboxFilingRetryIntegrationTests {

    @MockitoSpyBean
    InboxEvents events;
    @Autowired
    ApplicationContext context;
    @Autowired
    InboundSms inboundSms;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailedFilingKeepsTheTextAndAnswersTheWebhookAndTheRetryFilesIt() {
        TestPractice practice = TestPractices.register(context);
        String phone = "+13125557" + (100 + (int) (Math.random() * 900));
        TestPatients.register(context, practice.id(), "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        // The last step of a filing fails once, after the conversation and the message were written.
        doThrow(new TransientDataAccessResourceException("the database went away"))
                .doCallRealMethod()
                .when(events).changed(any(PracticeId.class));

        assertThat(inboundSms.receive(practice.id(), phone, "+17735550100", "Can I move my appointment?", "twilio",
                "SM" + UUID.randomUUID())).isEqualTo(InboundSms.Outcome.KEPT_FOR_INBOX);

        assertThat(count("SELECT count(*) FROM inbound_message WHERE practice_id = :p", practice)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM inbox_message m "
                + "JOIN conversation c ON c.id = m.conversation_id WHERE m.practice_id = :p "
                + "AND c.patient_id IS NOT NULL AND c.category = 'APPOINTMENT'", practice) == 1);
        assertThat(count("SELECT count(*) FROM conversation WHERE practice_id = :p", practice)).isEqualTo(1);
        AuditTrail.chain(context);
        assertThat(count("SELECT count(*) FROM audit_event WHERE practice_id = :p AND action = 'inbox.message.filed'",
                practice)).isEqualTo(1);
    }

    private long count(String sql, TestPractice practice) {
        return jdbc.sql(sql).param("p", practice.id().value()).query(Long.class).single();
    }
}
