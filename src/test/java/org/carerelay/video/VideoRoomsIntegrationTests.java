package org.carerelay.video;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.carerelay.AuditTrail;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.StaffCredentials;
import org.carerelay.identity.WebClient;
import org.carerelay.practice.ClinicalAccess;
import org.carerelay.practice.Npi;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.practice.Address;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeDetails;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Practices;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Video rooms: made at Whereby (a WireMock stub speaking its REST API) or locally when a video visit is booked,
 * replaced when it moves, deleted when it is cancelled or over; the portal page frames the patient's side.
 */
@IntegrationTest
class VideoRoomsIntegrationTests {

    static final String API_KEY = "whereby-test-key";
    static final WireMockServer whereby = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        whereby.start();
    }

    @DynamicPropertySource
    static void wherebyStub(DynamicPropertyRegistry registry) {
        registry.add("carerelay.video.whereby.base-url", () -> whereby.baseUrl() + "/v1");
        registry.add("carerelay.video.whereby.api-key", () -> API_KEY);
    }

    @AfterAll
    static void stop() {
        whereby.stop();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    VideoRooms rooms;
    @Autowired
    WherebyRoomVendor wherebyVendor;

    TestPractice practice;
    Caller admin;
    Location clinic;
    Provider provider;
    AppointmentType video;
    Patient patient;
    String email;

    @BeforeEach
    void aVideoVisitType() {
        whereby.resetAll();
        practice = TestPractices.register(context);
        admin = new Caller(practice.id(), Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        clinic = context.getBean(Locations.class).create(admin, new LocationDetails("Telehealth",
                new Address("1 Main St", null, "Chicago", "IL", "60606", "US"), null, "America/Chicago", List.of()));
        provider = context.getBean(Providers.class).create(admin, new ProviderDetails("Naomi", "Fischer", "MD",
                "1234567893", List.of(clinic.id().value())));
        video = context.getBean(AppointmentTypes.class).create(admin, new AppointmentTypeDetails("Video visit", 20,
                Modality.VIDEO, 0, List.of()));
        email = "patient-" + UUID.randomUUID() + "@example.test";
        patient = TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL,
                TestPatients.email(email));
    }

    @Test
    void aWherebyRoomIsMadeLockedForTheVisitReplacedWhenItMovesAndDeletedWhenItIsCancelled() {
        TestPractices.store(context, practice.id(), "video.provider", "whereby");
        stubMeetings("m-1", "m-2");
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        AppointmentId id = book(start);

        VideoRoom first = awaitRoom(id, "m-1");
        assertThat(first.roomUrl()).isEqualTo("https://carerelay.whereby.com/visit-m-1");
        assertThat(first.hostRoomUrl()).isEqualTo("https://carerelay.whereby.com/visit-m-1?roomKey=host");
        whereby.verify(postRequestedFor(urlEqualTo("/v1/meetings"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withRequestBody(equalToJson("""
                        {"startDate": "%s", "endDate": "%s", "isLocked": true, "roomMode": "normal",
                         "roomNamePrefix": "visit", "roomNamePattern": "uuid", "fields": ["hostRoomUrl"]}"""
                        .formatted(start.minus(VideoRooms.OPENS_BEFORE), start.plus(Duration.ofMinutes(20))
                                .plus(VideoRooms.RUNS_OVER)))));
        assertThat(teardownTimers()).containsExactly(first.id().toString());
        // The room's URLs are sealed at rest.
        assertThat(jdbc.sql("SELECT room_url FROM video_room WHERE id = :id").param("id", first.id())
                .query(String.class).single()).doesNotContain("whereby");

        move(id, start.plus(Duration.ofHours(1)), AppointmentStatus.BOOKED);
        VideoRoom second = awaitRoom(id, "m-2");
        whereby.verify(deleteRequestedFor(urlEqualTo("/v1/meetings/m-1")));
        assertThat(teardownTimers()).containsExactly(second.id().toString());

        move(id, start.plus(Duration.ofHours(1)), AppointmentStatus.CANCELLED);
        await().atMost(Duration.ofSeconds(20)).until(() -> rooms.live(practice.id(), id).isEmpty());
        whereby.verify(deleteRequestedFor(urlEqualTo("/v1/meetings/m-2")));
        assertThat(teardownTimers()).isEmpty();
    }

    @Test
    void aRoomIsDeletedAtTheVendorByItsTimerAfterTheVisit() {
        TestPractices.store(context, practice.id(), "video.provider", "whereby");
        stubMeetings("m-9");
        AppointmentId id = book(Instant.now().plus(Duration.ofDays(1)));
        VideoRoom room = awaitRoom(id, "m-9");

        rooms.tearDown(new VideoRooms.RoomTeardown(practice.id().value(), room.id()));

        assertThat(rooms.live(practice.id(), id)).isEmpty();
        whereby.verify(deleteRequestedFor(urlEqualTo("/v1/meetings/m-9")));
    }

    @Test
    void wherebysRefusalIsAnErrorAndARoomAlreadyGoneIsNot() {
        whereby.stubFor(post(urlEqualTo("/v1/meetings")).willReturn(aResponse().withStatus(401)));
        whereby.stubFor(delete(urlPathMatching("/v1/meetings/.*")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> wherebyVendor.create(Instant.now(), Instant.now().plusSeconds(3600), true))
                .isInstanceOf(HttpClientErrorException.Unauthorized.class);
        wherebyVendor.delete("gone-already");
    }

    @Test
    void thePortalPageFramesTheLocalRoomFromAQuarterOfAnHourBeforeTheVisit() throws Exception {
        AppointmentId soon = book(Instant.now().plus(Duration.ofMinutes(10)));
        AppointmentId later = book(Instant.now().plus(Duration.ofDays(3)));
        awaitRoom(soon, null);
        awaitRoom(later, null);
        WebClient browser = WebClient.signedInPatient(mvc, context,
                context.getBean(Practices.class).get(practice.id()).slug(), email);

        MvcResult open = browser.get("/portal/visits/" + soon.value() + "/video");
        assertThat(open.getResponse().getStatus()).isEqualTo(200);
        assertThat(open.getResponse().getContentAsString()).contains("<iframe", "/video/placeholder/");
        assertThat(open.getResponse().getHeader("Content-Security-Policy")).contains("frame-src 'self' https://");

        String notYet = browser.get("/portal/visits/" + later.value() + "/video").getResponse()
                .getContentAsString();
        assertThat(notYet).contains("The room opens at").doesNotContain("<iframe");

        MvcResult placeholder = browser.get("/video/placeholder/" + UUID.randomUUID());
        assertThat(placeholder.getResponse().getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        AuditTrail.chain(context);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE practice_id = :p "
                        + "AND action = 'phi.video-room.viewed'")
                .param("p", practice.id().value()).query(Long.class).single()).isEqualTo(2);
    }

    /**
     * Who gets a video visit's host link: its own clinician and the practice's clinical staff; anyone else who
     * reads appointments sees the visit without link or room.
     */
    static Stream<Arguments> hosts() {
        return Stream.of(
                Arguments.of("the visit's doctor", StaffRole.DOCTOR, "visit", ClinicalAccess.Scope.PANEL, true),
                Arguments.of("clinical staff", StaffRole.CLINICAL_STAFF, null, ClinicalAccess.Scope.PANEL, true),
                Arguments.of("a doctor seeing the whole practice", StaffRole.DOCTOR, "other",
                        ClinicalAccess.Scope.PRACTICE, true),
                Arguments.of("another provider's doctor", StaffRole.DOCTOR, "other", ClinicalAccess.Scope.PANEL, false),
                Arguments.of("read only", StaffRole.READ_ONLY, null, ClinicalAccess.Scope.PANEL, false),
                Arguments.of("billing", StaffRole.BILLING, null, ClinicalAccess.Scope.PANEL, false),
                Arguments.of("front desk", StaffRole.FRONT_DESK, null, ClinicalAccess.Scope.PANEL, false),
                Arguments.of("a clinic admin", StaffRole.CLINIC_ADMIN, null, ClinicalAccess.Scope.PANEL, false));
    }

    @ParameterizedTest(name = "{0}: host link {4}")
    @MethodSource("hosts")
    void onlyTheVisitsClinicianAndClinicalStaffGetTheHostLink(String who, StaffRole role, String linkedTo,
            ClinicalAccess.Scope scope, boolean hosts) throws Exception {
        Provider other = context.getBean(Providers.class).create(admin, new ProviderDetails("Rafael", "Ortega", "MD",
                Npi.withCheckDigit("423456789"), List.of(clinic.id().value())));
        Instant start = Instant.now().plus(Duration.ofMinutes(10));
        AppointmentId soon = book(start);
        VideoRoom room = awaitRoom(soon, null);
        StaffUser member = context.getBean(StaffUsers.class).create(practice.id(), Actor.system("test"),
                new StaffUserDetails("Sam", "Staff", "s" + UUID.randomUUID() + "@clinic.example.test", role, true));
        if (linkedTo != null) {
            context.getBean(ClinicalAccess.class).set(admin, member.id().value(), new ClinicalAccess.Setting(
                    (linkedTo.equals("visit") ? provider : other).id().value(), scope));
        }
        context.getBean(StaffCredentials.class).setPassword(practice.id(), member.id().value(),
                "a long staff passphrase", Actor.system("test"));
        WebClient browser = new WebClient(mvc);
        browser.post("/console/sign-in", "email", member.email(), "password", "a long staff passphrase");

        MvcResult page = browser.get("/console/visits/" + soon.value() + "/video");
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        String html = page.getResponse().getContentAsString();
        String schedule = browser.get("/console/schedule?location=" + clinic.id().value() + "&date="
                + start.atZone(java.time.ZoneId.of(clinic.timeZone())).toLocalDate()).getResponse().getContentAsString();
        AuditTrail.chain(context);
        String side = jdbc.sql("SELECT payload->>'side' FROM audit_event WHERE practice_id = :p "
                        + "AND action = 'phi.video-room.viewed' AND actor_id = :staff")
                .param("p", practice.id().value()).param("staff", member.id().value().toString())
                .query(String.class).single();
        if (hosts) {
            assertThat(html).contains("id=\"host-link\"", "<iframe", "/video/placeholder/")
                    .doesNotContain("Only the visit's clinician can host");
            assertThat(schedule).contains("/console/visits/" + soon.value() + "/video");
            assertThat(side).isEqualTo("host");
        } else {
            assertThat(html).contains("Only the visit's clinician can host it")
                    .doesNotContain("host-link").doesNotContain("<iframe").doesNotContain(room.hostRoomUrl());
            assertThat(schedule).contains("Video visit").doesNotContain("/console/visits/" + soon.value() + "/video");
            assertThat(side).isEqualTo("viewer");
        }
    }

    @Test
    void anotherPatientsVisitIsNotFound() throws Exception {
        AppointmentId theirs = book(Instant.now().plus(Duration.ofMinutes(10)));
        String otherEmail = "other-" + UUID.randomUUID() + "@example.test";
        TestPatients.register(context, practice.id(), "en", PreferredChannel.EMAIL, TestPatients.email(otherEmail));
        WebClient other = WebClient.signedInPatient(mvc, context,
                context.getBean(Practices.class).get(practice.id()).slug(), otherEmail);

        assertThat(other.get("/portal/visits/" + theirs.value() + "/video").getResponse().getStatus())
                .isEqualTo(404);
    }

    private void stubMeetings(String... ids) {
        String scenario = "meetings";
        for (int i = 0; i < ids.length; i++) {
            whereby.stubFor(post(urlEqualTo("/v1/meetings"))
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED
                            : "made " + (i - 1))
                    .willSetStateTo("made " + i)
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody("""
                                    {"meetingId": "%1$s", "roomName": "/visit-%1$s", "startDate": "x",
                                     "endDate": "y", "roomUrl": "https://carerelay.whereby.com/visit-%1$s",
                                     "hostRoomUrl": "https://carerelay.whereby.com/visit-%1$s?roomKey=host"}"""
                                    .formatted(ids[i]))));
        }
        whereby.stubFor(delete(urlPathMatching("/v1/meetings/.*")).willReturn(aResponse().withStatus(204)));
    }

    private AppointmentId book(Instant start) {
        return context.getBean(Appointments.class).book(admin, new AppointmentDetails(patient.id().value(),
                provider.id().value(), clinic.id().value(), video.id().value(),
                start.atOffset(java.time.ZoneOffset.UTC), null, null)).id();
    }

    private void move(AppointmentId id, Instant start, AppointmentStatus status) {
        context.getBean(Appointments.class).update(admin, id, new AppointmentDetails(patient.id().value(),
                provider.id().value(), clinic.id().value(), video.id().value(),
                start.atOffset(java.time.ZoneOffset.UTC), null, status));
    }

    private VideoRoom awaitRoom(AppointmentId id, String meetingId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> rooms.live(practice.id(), id)
                .filter(room -> meetingId == null || room.meetingId().equals(meetingId)).isPresent());
        return rooms.live(practice.id(), id).orElseThrow();
    }

    private List<String> teardownTimers() {
        return jdbc.sql("SELECT task_instance FROM scheduled_tasks WHERE task_name = 'video-room-teardown' "
                        + "AND convert_from(task_data, 'UTF8')::jsonb ->> 'practice' = :p")
                .param("p", practice.id().value().toString())
                .query(String.class).list();
    }
}
