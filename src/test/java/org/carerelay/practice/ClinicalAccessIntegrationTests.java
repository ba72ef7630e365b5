package org.carerelay.practice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.carerelay.IntegrationTest;
import org.carerelay.TestPatients;
import org.carerelay.TestPractices;
import org.carerelay.TestPractices.TestPractice;
import org.carerelay.identity.ApiTokens;
import org.carerelay.identity.StaffSignIn;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Message;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.PracticeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class ClinicalAccessIntegrationTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    ClinicalAccess access;
    @Autowired
    Messages messages;
    @Autowired
    MockMvc mvc;

    TestPractice practice;
    Caller admin;
    Provider fischer;
    Provider ortega;
    Patient fischersPatient;
    Patient seenByOrtegaLongAgo;
    Patient bookedWithOrtega;
    Caller doctorOrtega;
    StaffUser ortegaUser;

    @BeforeEach
    void twoProvidersAndTheirPatients() {
        practice = TestPractices.register(context);
        PracticeId id = practice.id();
        admin = new Caller(id, Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        Location clinic = context.getBean(Locations.class).create(admin, new LocationDetails("Clinic",
                new Address("1 Main St", null, "Chicago", "IL", "60606", "US"), null, "America/Chicago", List.of()));
        fischer = provider(clinic, "Fischer", "323456789");
        ortega = provider(clinic, "Ortega", "423456789");
        AppointmentType visit = context.getBean(AppointmentTypes.class).create(admin,
                new AppointmentTypeDetails("Visit", 20, Modality.IN_PERSON));
        Patients patients = context.getBean(Patients.class);
        fischersPatient = TestPatients.register(context, id, "en", PreferredChannel.EMAIL,
                TestPatients.email("f" + UUID.randomUUID() + "@example.test"));
        patients.update(admin, fischersPatient.id(), new PatientDetails("Ana", "Lopez", fischersPatient.dateOfBirth(),
                fischersPatient.mrn(), Sex.FEMALE, "en", PreferredChannel.EMAIL, "America/Chicago", clinic.id().value(),
                fischer.id().value(), null));
        seenByOrtegaLongAgo = TestPatients.register(context, id, "en", PreferredChannel.EMAIL);
        bookedWithOrtega = TestPatients.register(context, id, "en", PreferredChannel.EMAIL);
        Appointments appointments = context.getBean(Appointments.class);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).with(LocalTime.NOON);
        appointments.book(id, Actor.system("test"), new AppointmentDetails(seenByOrtegaLongAgo.id().value(),
                ortega.id().value(), clinic.id().value(), visit.id().value(), now.minusMonths(30), null,
                AppointmentStatus.COMPLETED));
        appointments.book(id, Actor.system("test"), new AppointmentDetails(bookedWithOrtega.id().value(),
                ortega.id().value(), clinic.id().value(), visit.id().value(), now.plusDays(3), null,
                AppointmentStatus.BOOKED));
        ortegaUser = context.getBean(StaffUsers.class).create(id, Actor.system("test"), new StaffUserDetails("Rafael",
                "Ortega", "ortega" + UUID.randomUUID() + "@clinic.example.test", StaffRole.DOCTOR, true));
        doctorOrtega = new Caller(id, new Actor(Actor.Type.STAFF, ortegaUser.id().toString()), "DOCTOR",
                Set.of(Permissions.CLINICAL_VIEW, Permissions.COMMS_VIEW_INBOX));
    }

    @Test
    void aDoctorSeesClinicalContentForTheirPanelOnly() {
        // Not linked to a provider yet: an empty panel.
        assertThat(access.canSee(doctorOrtega, bookedWithOrtega.id())).isFalse();

        access.set(admin, ortegaUser.id().value(), new ClinicalAccess.Setting(ortega.id().value(),
                ClinicalAccess.Scope.PANEL));
        assertThat(access.canSee(doctorOrtega, bookedWithOrtega.id())).isTrue();
        assertThat(access.canSee(doctorOrtega, seenByOrtegaLongAgo.id())).as("last seen 30 months ago").isFalse();
        assertThat(access.canSee(doctorOrtega, fischersPatient.id())).as("Dr Fischer's patient").isFalse();

        access.set(admin, ortegaUser.id().value(), new ClinicalAccess.Setting(ortega.id().value(),
                ClinicalAccess.Scope.PRACTICE));
        assertThat(access.canSee(doctorOrtega, fischersPatient.id())).isTrue();
    }

    @Test
    void aPagesPatientsAreCheckedTogether() {
        List<PatientId> page = List.of(bookedWithOrtega.id(), seenByOrtegaLongAgo.id(), fischersPatient.id());
        assertThat(access.visiblePatients(doctorOrtega, page)).as("no provider linked").isEmpty();

        access.set(admin, ortegaUser.id().value(), new ClinicalAccess.Setting(ortega.id().value(),
                ClinicalAccess.Scope.PANEL));
        assertThat(access.visiblePatients(doctorOrtega, page)).containsExactly(bookedWithOrtega.id());

        access.set(admin, ortegaUser.id().value(), new ClinicalAccess.Setting(ortega.id().value(),
                ClinicalAccess.Scope.PRACTICE));
        assertThat(access.visiblePatients(doctorOrtega, page)).containsExactlyInAnyOrderElementsOf(page);
    }

    @Test
    void aDoctorsTokenIsHeldToTheirPanel() throws Exception {
        access.set(admin, ortegaUser.id().value(), new ClinicalAccess.Setting(ortega.id().value(),
                ClinicalAccess.Scope.PANEL));
        Caller signedIn = context.getBean(StaffSignIn.class).current(practice.id(), ortegaUser.id().value())
                .orElseThrow();
        String token = "Bearer " + context.getBean(ApiTokens.class).issue(signedIn, "Dr Ortega's EHR bridge",
                StaffRole.DOCTOR).secret();

        assertThat(medicationsStatus(bookedWithOrtega, token)).as("on Dr Ortega's panel").isEqualTo(200);
        assertThat(medicationsStatus(fischersPatient, token)).as("Dr Fischer's patient").isEqualTo(404);
        assertThat(medicationsStatus(seenByOrtegaLongAgo, token)).as("last seen 30 months ago").isEqualTo(404);

        access.set(admin, ortegaUser.id().value(), new ClinicalAccess.Setting(ortega.id().value(),
                ClinicalAccess.Scope.PRACTICE));
        assertThat(medicationsStatus(fischersPatient, token)).as("widened to the practice").isEqualTo(200);
    }

    @Test
    void aDoctorRoleIntegrationTokenHasNoPanelButClinicalStaffSeeThePractice() throws Exception {
        assertThat(medicationsStatus(bookedWithOrtega, practice.bearer(StaffRole.DOCTOR))).isEqualTo(404);
        assertThat(medicationsStatus(fischersPatient, practice.bearer(StaffRole.DOCTOR))).isEqualTo(404);
        assertThat(medicationsStatus(fischersPatient, practice.bearer(StaffRole.CLINICAL_STAFF))).isEqualTo(200);
    }

    @Test
    void otherRolesFollowTheirPermission() {
        Caller frontDesk = new Caller(practice.id(), new Actor(Actor.Type.STAFF, UUID.randomUUID().toString()),
                "FRONT_DESK", Set.of(Permissions.COMMS_VIEW_INBOX));
        Caller nurse = new Caller(practice.id(), new Actor(Actor.Type.STAFF, UUID.randomUUID().toString()),
                "CLINICAL_STAFF", Set.of(Permissions.CLINICAL_VIEW));
        assertThat(access.canSee(frontDesk, fischersPatient.id())).isFalse();
        assertThat(access.canSee(nurse, fischersPatient.id())).isTrue();
    }

    @Test
    void careMessageBodiesAreAbsentForRolesWithoutClinicalAccessAndSignInLinksForEveryone() throws Exception {
        Message care = messages.send(practice.id(), Actor.system("test"), new SendRequest(fischersPatient.id(), null,
                Channel.EMAIL, "new-secure-message", Map.of("link", "https://example.test/m"), Purpose.CARE, null,
                null));
        Message signIn = messages.send(practice.id(), Actor.system("test"), new SendRequest(fischersPatient.id(),
                null, Channel.EMAIL, "sign-in-link", Map.of("link", "https://example.test/t", "code", ""),
                Purpose.SECURITY, null, null));

        assertThat(body(care, org.carerelay.practice.StaffRole.CLINICAL_STAFF)).contains("\"text\"");
        assertThat(body(care, org.carerelay.practice.StaffRole.FRONT_DESK)).doesNotContain("\"text\"")
                .doesNotContain("\"subject\"");
        assertThat(body(care, org.carerelay.practice.StaffRole.BILLING)).doesNotContain("\"text\"");
        assertThat(body(signIn, org.carerelay.practice.StaffRole.SUPER_ADMIN)).doesNotContain("\"text\"")
                .doesNotContain("example.test/t");
    }

    @Test
    void onlyAClinicAdminSetsClinicalAccess() throws Exception {
        String path = "/api/v1/staff/" + ortegaUser.id() + "/clinical-access";
        String body = "{\"providerId\": \"" + ortega.id() + "\", \"scope\": \"practice\"}";
        assertThat(mvc.perform(put(path).header(HttpHeaders.AUTHORIZATION, practice.bearer(StaffRole.DOCTOR))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(put(path).header(HttpHeaders.AUTHORIZATION, practice.admin())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getContentAsString())
                .contains("\"scope\":\"practice\"");
        String unknownProvider = "{\"providerId\": \"" + UUID.randomUUID() + "\", \"scope\": \"panel\"}";
        assertThat(mvc.perform(put(path).header(HttpHeaders.AUTHORIZATION, practice.admin())
                .contentType(MediaType.APPLICATION_JSON).content(unknownProvider)).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
    }

    private int medicationsStatus(Patient patient, String bearer) throws Exception {
        return mvc.perform(get("/api/v1/patients/" + patient.id().value() + "/medications")
                .header(HttpHeaders.AUTHORIZATION, bearer)).andReturn().getResponse().getStatus();
    }

    private String body(Message message, StaffRole role) throws Exception {
        return mvc.perform(get("/api/v1/messages/" + message.id()).header(HttpHeaders.AUTHORIZATION,
                practice.bearer(role))).andReturn().getResponse().getContentAsString();
    }

    private Provider provider(Location at, String family, String npi) {
        return context.getBean(Providers.class).create(admin, new ProviderDetails("Dr", family, "MD",
                Npi.withCheckDigit(npi), List.of(at.id().value())));
    }
}
