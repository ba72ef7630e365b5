package org.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.session.web.http.CookieSerializer.CookieValue;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class SessionIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    PracticeId practice;
    StaffUser nurse;

    @BeforeEach
    void aStaffMember() {
        practice = TestPractices.register(context).id();
        nurse = context.getBean(StaffUsers.class).create(practice, Actor.system("test"), new StaffUserDetails("Nadia",
                "Nurse", "n" + UUID.randomUUID() + "@clinic.example.test", StaffRole.CLINICAL_STAFF, true));
        context.getBean(StaffCredentials.class).setPassword(practice, nurse.id().value(), "a long nurse passphrase",
                Actor.system("test"));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void stayingSignedInIsARequestAndTheSessionIdleTimeoutIsFifteenMinutes() throws Exception {
        WebClient browser = new WebClient(mvc);
        browser.post("/console/sign-in", "email", nurse.email(), "password", "a long nurse passphrase");
        assertThat(browser.post("/console/session/keepalive").getResponse().getStatus()).isEqualTo(204);
        int idle = jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE principal_name = :name")
                .param("name", "STAFF:" + practice + ":" + nurse.id()).query(Integer.class).single();
        assertThat(idle).isEqualTo(15 * 60);
        assertThat(browser.get("/console").getResponse().getContentAsString())
                .contains("id=\"session-warning\"", "data-timeout=\"900\"", "data-warning=\"120\"");
    }

    @Test
    void aSessionThatNoLongerReadsIsSignedOutNotAnError() throws Exception {
        WebClient browser = new WebClient(mvc);
        browser.post("/console/sign-in", "email", nurse.email(), "password", "a long nurse passphrase");
        assertThat(browser.get("/console").getResponse().getStatus()).isEqualTo(200);
        // As an older CareRelay with other classes would have left it.
        jdbc.sql("""
                UPDATE spring_session_attributes SET attribute_bytes = :junk
                WHERE session_primary_id = (SELECT primary_id FROM spring_session WHERE principal_name = :name)
                  AND attribute_name = 'CARERELAY_STAFF'""")
                .param("junk", new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1, 2, 3})
                .param("name", "STAFF:" + practice + ":" + nurse.id()).update();

        assertThat(browser.get("/console").getResponse().getRedirectedUrl()).startsWith("/console/sign-in");
    }

    @Test
    void anIdleSessionIsDeletedAndItsExpiryAuditedInItsPractice() {
        String principal = "STAFF:" + practice + ":" + nurse.id();
        String id = UUID.randomUUID().toString();
        long past = System.currentTimeMillis() - Duration.ofMinutes(20).toMillis();
        jdbc.sql("""
                INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,
                                            max_inactive_interval, expiry_time, principal_name)
                VALUES (:id, :id, :past, :past, 900, :expired, :principal)""")
                .param("id", id).param("past", past).param("expired", past + 900_000).param("principal", principal)
                .update();

        context.getBean(ExpiredSessions.class).reap();

        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE primary_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
        AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE practice_id = :p AND actor_id = :staff")
                .param("p", practice.value()).param("staff", nurse.id().toString()).query(String.class).list())
                .contains("session.expired");
    }

    @Test
    void linksAndThrottlesADayOldAreDeleted() {
        jdbc.sql("""
                INSERT INTO sign_in_link (token_hash, practice_id, purpose, staff_id, created_at, expires_at)
                VALUES (:old, :p, 'PASSWORD_RESET', :staff, now() - interval '3 days', now() - interval '2 days'),
                       (:fresh, :p, 'PASSWORD_RESET', :staff, now(), now() + interval '30 minutes')""")
                .param("old", "a".repeat(64)).param("fresh", "b".repeat(64)).param("p", practice.value())
                .param("staff", nurse.id().value()).update();
        jdbc.sql("INSERT INTO sign_in_throttle (key_hash, failures, last_failure_at) "
                + "VALUES (:old, 2, now() - interval '2 days'), (:fresh, 2, now())")
                .param("old", "c".repeat(64)).param("fresh", "d".repeat(64)).update();

        context.getBean(StaleSignInRecords.class).delete();

        assertThat(jdbc.sql("SELECT token_hash FROM sign_in_link WHERE token_hash IN (:a, :b)")
                .param("a", "a".repeat(64)).param("b", "b".repeat(64)).query(String.class).list())
                .containsExactly("b".repeat(64));
        assertThat(jdbc.sql("SELECT key_hash FROM sign_in_throttle WHERE key_hash IN (:c, :d)")
                .param("c", "c".repeat(64)).param("d", "d".repeat(64)).query(String.class).list())
                .containsExactly("d".repeat(64));
    }

    @Test
    void aSessionPastItsAbsoluteLifetimeEnds() throws Exception {
        Caller caller = new Caller(practice, new Actor(Actor.Type.STAFF, nurse.id().toString()), "CLINICAL_STAFF",
                Set.of());
        SignedIn thirteenHoursAgo = new SignedIn(caller, Instant.now().minus(Duration.ofHours(13)), null);
        SecurityContextHolder.getContext().setAuthentication(thirteenHoursAgo);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console");
        MockHttpSession session = new MockHttpSession();
        request.setSession(session);

        new SessionLifetimeFilter(context.getBean(WebSessions.class), context.getBean(StaffSignIn.class),
                java.time.Clock.systemUTC(), Actor.Type.STAFF)
                .doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(session.isInvalid()).isTrue();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT payload->>'reason' FROM audit_event WHERE practice_id = :p AND action = 'session.expired'")
                .param("p", practice.value()).query(String.class).list()).containsExactly("lifetime");
    }

    @Test
    void theCookieIsSecureWhenThePublicAddressIsHttps() {
        for (var base : List.of("https://carerelay.example.test", "http://localhost:8080")) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            new SessionConfiguration().cookieSerializer(base)
                    .writeCookieValue(new CookieValue(new MockHttpServletRequest(), response, "id"));
            assertThat(response.getHeader("Set-Cookie")).as(base).contains("HttpOnly", "SameSite=Lax");
            assertThat(response.getHeader("Set-Cookie").contains("Secure")).as(base).isEqualTo(base.startsWith("https"));
        }
    }

    @Test
    void onlyTheVideoVisitPageMayFrameTheVideoVendor() throws Exception {
        WebClient browser = new WebClient(mvc);
        assertThat(browser.get("/portal/visits/" + UUID.randomUUID() + "/video").getResponse()
                .getHeader("Content-Security-Policy"))
                .contains("frame-src 'self' " + ContentSecurityPolicy.VIDEO_VENDOR);
        assertThat(browser.get("/portal/sign-in").getResponse().getHeader("Content-Security-Policy"))
                .contains("frame-src 'none'").doesNotContain("whereby");
    }
}
