package org.carerelay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.practice.Address;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The console's times as a member of staff reads them: on their own clock (their browser's zone, which
 * reader-zone.js puts in a cookie), else the practice's first location's, and always with the zone named. The
 * practice is in New York, the patient in Chicago, the reader in Los Angeles.
 */
@IntegrationTest
class ConsoleTimesIntegrationTests {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MMM d, h:mm a v", Locale.US);

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    PracticeId practice;
    Cookie session;
    String conversation;
    Instant lastMessage;

    @BeforeEach
    void aChicagoPatientTextsANewYorkPractice() throws Exception {
        practice = TestPractices.register(context).id();
        Caller admin = new Caller(practice, Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        context.getBean(Locations.class).create(admin, new LocationDetails("Riverside Upper West Side",
                new Address("2 W 72nd St", null, "New York", "NY", "10023", "US"), "+12125550100",
                "America/New_York", List.of()));
        String phone = "+1312555" + (1000 + (int) (Math.random() * 9000));
        TestPatients.register(context, practice, "en", PreferredChannel.SMS,
                TestPatients.phone(phone, Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true)));
        context.getBean(InboundSms.class).receive(practice, phone, "+17735550100", "Can I come in Friday instead?",
                "twilio", "SM" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM conversation "
                + "WHERE practice_id = :p").param("p", practice.value()).query(Long.class).single() == 1);
        conversation = jdbc.sql("SELECT id::text FROM conversation WHERE practice_id = :p")
                .param("p", practice.value()).query(String.class).single();
        lastMessage = jdbc.sql("SELECT last_message_at FROM conversation WHERE id = CAST(:id AS uuid)")
                .param("id", conversation).query(java.time.OffsetDateTime.class).single().toInstant();
        session = new ConsoleSession(mvc, context, practice).signIn(StaffRole.CLINICAL_STAFF);
    }

    @Test
    void theInboxAndAConversationShowTimesOnTheReadersClockNamingTheZone() throws Exception {
        String expected = SHOWN.format(lastMessage.atZone(ZoneId.of("America/Los_Angeles")));
        assertThat(expected).endsWith("PT");

        Cookie losAngeles = new Cookie(ReaderZone.COOKIE, "America%2FLos_Angeles");
        assertThat(page("/console/inbox", losAngeles)).contains(expected);
        assertThat(page("/console/inbox/" + conversation, losAngeles)).contains(expected).contains("PT");
    }

    @Test
    void withoutTheBrowsersZoneTimesAreThePracticesNamedAndAForgedZoneIsIgnored() throws Exception {
        String expected = SHOWN.format(lastMessage.atZone(ZoneId.of("America/New_York")));
        assertThat(expected).endsWith("ET");

        assertThat(page("/console/inbox", null)).contains(expected);
        assertThat(page("/console/inbox", new Cookie(ReaderZone.COOKIE, "Mars%2FOlympus_Mons"))).contains(expected);
    }

    private String page(String path, Cookie zone) throws Exception {
        var request = MockMvcRequestBuilders.get(path).cookie(session);
        if (zone != null) {
            request.cookie(zone);
        }
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }
}
