package org.carerelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.UUID;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.identity.StaffCredentials;
import org.carerelay.identity.StaffSignIn;
import org.carerelay.messaging.inbound.InboundSms;
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

/** What the database holds of a staff member's TOTP secret and of a patient's text: sealed, yet read as before. */
@IntegrationTest
class PhiAtRestIntegrationTests {

    static final String PASSWORD = "correct horse battery staple";
    static final Actor TEST = Actor.system("test");

    @Autowired
    ApplicationContext context;
    @Autowired
    StaffUsers staffUsers;
    @Autowired
    StaffCredentials credentials;
    @Autowired
    StaffSignIn staffSignIn;
    @Autowired
    InboundSms inboundSms;
    @Autowired
    PhiCipher cipher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    PracticeId practice;

    @BeforeEach
    void setUp() {
        practice = TestPractices.register(context).id();
    }

    @Test
    void keepsTheTotpSecretSealedAndSignsInWithIt() {
        StaffUser doctor = staffMember();
        String secret = credentials.newTotpSecret();
        credentials.enableTotp(staffSignIn.current(practice, doctor.id().value()).orElseThrow(), secret,
                code(secret, 0));

        String stored = totpSecretColumn(doctor);
        assertThat(stored).startsWith("enc:v1:").doesNotContain(secret);
        assertThat(cipher.open(stored, "staff_credential.totp_secret:" + doctor.id().value())).isEqualTo(secret);

        assertThat(signInWithCode(doctor, code(secret, 1))).isEqualTo(StaffSignIn.Status.OK);
    }

    @Test
    void stillReadsATotpSecretStoredBeforeSealing() {
        StaffUser doctor = staffMember();
        String secret = credentials.newTotpSecret();
        credentials.enableTotp(staffSignIn.current(practice, doctor.id().value()).orElseThrow(), secret,
                code(secret, 0));
        jdbc.sql("UPDATE staff_credential SET totp_secret = :secret WHERE staff_id = :staff")
                .param("secret", secret).param("staff", doctor.id().value()).update();

        assertThat(signInWithCode(doctor, code(secret, 1))).isEqualTo(StaffSignIn.Status.OK);
    }

    @Test
    void refusesASecondFactorWhoseSecretWasCopiedFromAnotherAccount() {
        StaffUser doctor = staffMember();
        StaffUser intruder = staffMember();
        String secret = credentials.newTotpSecret();
        credentials.enableTotp(staffSignIn.current(practice, doctor.id().value()).orElseThrow(), secret,
                code(secret, 0));
        String intruderSecret = credentials.newTotpSecret();
        credentials.enableTotp(staffSignIn.current(practice, intruder.id().value()).orElseThrow(), intruderSecret,
                code(intruderSecret, 0));
        jdbc.sql("UPDATE staff_credential SET totp_secret = :sealed WHERE staff_id = :staff")
                .param("sealed", totpSecretColumn(doctor)).param("staff", intruder.id().value()).update();

        assertThat(signInWithCode(intruder, code(secret, 1))).isEqualTo(StaffSignIn.Status.WRONG);
    }

    @Test
    void keepsAnInboundTextSealedForItsRow() {
        String messageId = "SM" + UUID.randomUUID().toString().replace("-", "");
        inboundSms.receive(practice, "+13125550142", "+17735550100", "Can I move my appointment to Friday?",
                "twilio", messageId);

        record Row(UUID id, String sender, String body) {
        }
        Row row = jdbc.sql("SELECT id, sender, body FROM inbound_message WHERE provider_message_id = :id")
                .param("id", messageId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .single();
        assertThat(row.body()).startsWith("enc:v1:").doesNotContain("Friday");
        assertThat(cipher.open(row.body(), "inbound_message.body:" + row.id()))
                .isEqualTo("Can I move my appointment to Friday?");
        assertThatThrownBy(() -> cipher.open(row.body(), "inbound_message.body:" + UUID.randomUUID()))
                .isInstanceOf(PhiDecryptionException.class);
    }

    private StaffUser staffMember() {
        StaffUser staff = staffUsers.create(practice, TEST, new StaffUserDetails("Grace", "Hopper",
                "grace." + UUID.randomUUID() + "@clinic.example.test", StaffRole.DOCTOR, true));
        credentials.setPassword(practice, staff.id().value(), PASSWORD, TEST);
        return staff;
    }

    private String totpSecretColumn(StaffUser staff) {
        return jdbc.sql("SELECT totp_secret FROM staff_credential WHERE staff_id = :staff")
                .param("staff", staff.id().value()).query(String.class).single();
    }

    private StaffSignIn.Status signInWithCode(StaffUser staff, String code) {
        StaffSignIn.Outcome password = staffSignIn.password(staff.email(), PASSWORD);
        assertThat(password.status()).isEqualTo(StaffSignIn.Status.OK);
        return staffSignIn.secondFactor(password.pending(), code).status();
    }

    /** What an authenticator app shows, {@code stepsAhead} 30-second steps from now. */
    private String code(String secret, int stepsAhead) {
        try {
            long step = clock.millis() / 1000 / 30 + stepsAhead;
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void keepsMessageTextsSealedAndShowsThemToThoseWhoMaySee() {
        org.carerelay.practice.Patient patient = org.carerelay.TestPatients.register(context, practice, "en",
                org.carerelay.practice.PreferredChannel.EMAIL,
                org.carerelay.TestPatients.email("ana.sealed@example.test"));
        org.carerelay.messaging.Message sent = context.getBean(org.carerelay.messaging.Messages.class).send(practice,
                Actor.system("test"), new org.carerelay.messaging.SendRequest(patient.id(), null,
                        org.carerelay.messaging.Channel.EMAIL, "appointment-confirmation",
                        org.carerelay.messaging.template.DefaultTemplates.sample("appointment-confirmation"),
                        org.carerelay.messaging.Purpose.TRANSACTIONAL, null, null));

        java.util.Map<String, Object> stored = jdbc.sql("SELECT subject, body_text, body_html FROM delivery "
                + "WHERE message_id = :m").param("m", sent.id().value()).query().singleRow();
        assertThat(stored.values()).allSatisfy(value -> assertThat((String) value).startsWith("enc:v1:")
                .doesNotContain(" "));
        org.carerelay.messaging.Delivery read = context.getBean(org.carerelay.messaging.Messages.class)
                .find(practice, sent.id()).deliveries().get(0);
        assertThat(read.text()).isEqualTo(sent.deliveries().get(0).text()).contains(patient.givenName());
        assertThat(read.subject()).isEqualTo(sent.deliveries().get(0).subject());
    }
}
