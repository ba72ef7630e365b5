package org.carerelay.identity;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.PracticeId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff passwords, second factors and recovery codes, and the practice's rule on whether a second factor is
 * required. Passwords are hashed by Spring Security's delegating encoder (bcrypt); a password is 12 to 72 bytes
 * long (bcrypt reads no further than 72). The TOTP secret is sealed ({@link PhiCipher}) for its row: whoever reads
 * the table (a backup, a replica) cannot compute the codes.
 */
@Service
public class StaffCredentials {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_BYTES = 72;
    static final int RECOVERY_CODES = 10;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Totp totp;
    private final AuditLog auditLog;
    private final PhiCipher cipher;
    private final Clock clock;

    StaffCredentials(JdbcClient jdbc, PasswordEncoder passwords, Totp totp, AuditLog auditLog, PhiCipher cipher,
            Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.totp = totp;
        this.auditLog = auditLog;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Sets the staff member's password (a reset, or the first one). */
    @Transactional
    public void setPassword(PracticeId practice, UUID staff, String password, Actor actor) {
        checkPolicy(password);
        jdbc.sql("""
                INSERT INTO staff_credential (staff_id, practice_id, password_hash, password_changed_at)
                VALUES (:staff, :practice, :hash, :now)
                ON CONFLICT (staff_id) DO UPDATE SET password_hash = :hash, password_changed_at = :now""")
                .param("staff", staff)
                .param("practice", practice.value())
                .param("hash", passwords.encode(password))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        auditLog.record(new AuditEvent(practice, actor, "staff.password_set", AuditEvent.Target.of("staff_user", staff),
                null));
    }

    /** Sets the password unless the staff member has one already (the demo's staff on every start). */
    @Transactional
    public void ensurePassword(PracticeId practice, UUID staff, String password, Actor actor) {
        boolean has = jdbc.sql("SELECT password_hash IS NOT NULL FROM staff_credential WHERE staff_id = :staff")
                .param("staff", staff).query(Boolean.class).optional().orElse(false);
        if (!has) {
            setPassword(practice, staff, password, actor);
        }
    }

    static void checkPolicy(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new InvalidFieldException("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidFieldException("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        if (password.isBlank()) {
            throw new InvalidFieldException("password", "must not be only spaces");
        }
    }

    /** A fresh secret for an authenticator app; kept in the session until a code from the app confirms it. */
    public String newTotpSecret() {
        return totp.newSecret();
    }

    /** The QR code that puts {@code secret} into an authenticator app, labelled with the practice and address. */
    public String totpQrCode(String secret, String practiceName, String email) {
        return totp.qrCode(secret, practiceName, email);
    }

    /**
     * Turns the second factor on with {@code secret} once the staff member proved their app has it by a code from
     * it. Returns the recovery codes, which are shown this once and kept only as hashes.
     */
    @Transactional
    public List<String> enableTotp(Caller caller, String secret, String code) {
        UUID staff = UUID.fromString(caller.actor().id());
        var step = totp.verify(secret, code, null);
        if (step.isEmpty()) {
            throw new InvalidFieldException("code", "is not the current code of the authenticator app");
        }
        jdbc.sql("""
                UPDATE staff_credential SET totp_secret = :secret, totp_enabled_at = :now, totp_last_step = :step
                WHERE staff_id = :staff AND practice_id = :practice""")
                .param("secret", cipher.seal(secret, totpSecretPlace(staff)))
                .param("now", Timestamp.from(clock.instant()))
                .param("step", step.getAsLong())
                .param("staff", staff)
                .param("practice", caller.practice().value())
                .update();
        List<String> codes = newRecoveryCodes(staff);
        auditLog.record(AuditEvent.of(caller, "staff.totp_enabled", AuditEvent.Target.of("staff_user", staff)));
        return codes;
    }

    /** The TOTP secret as stored in {@code staff_credential.totp_secret}; one stored before sealing as it is. */
    String openTotpSecret(UUID staff, String stored) {
        return cipher.open(stored, totpSecretPlace(staff));
    }

    private static String totpSecretPlace(UUID staff) {
        return "staff_credential.totp_secret:" + staff;
    }

    private List<String> newRecoveryCodes(UUID staff) {
        jdbc.sql("DELETE FROM staff_recovery_code WHERE staff_id = :staff").param("staff", staff).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String code = RecoveryCodes.next();
            codes.add(code);
            jdbc.sql("INSERT INTO staff_recovery_code (staff_id, code_hash) VALUES (:staff, :hash)")
                    .param("staff", staff).param("hash", Secrets.sha256(RecoveryCodes.normalize(code))).update();
        }
        return codes;
    }

    @Transactional(readOnly = true)
    public boolean totpEnabled(Caller caller) {
        return jdbc.sql("SELECT totp_enabled_at IS NOT NULL FROM staff_credential WHERE staff_id = :staff")
                .param("staff", UUID.fromString(caller.actor().id())).query(Boolean.class).optional().orElse(false);
    }

    @Transactional(readOnly = true)
    public boolean totpRequired(PracticeId practice) {
        return jdbc.sql("SELECT require_totp FROM sign_in_policy WHERE practice_id = :practice")
                .param("practice", practice.value()).query(Boolean.class).optional().orElse(false);
    }

    /** A Clinic Admin's rule: every staff member of the practice signs in with a second factor. */
    @Transactional
    public void requireTotp(Caller caller, boolean required) {
        jdbc.sql("""
                INSERT INTO sign_in_policy (practice_id, require_totp, updated_at) VALUES (:practice, :required, :now)
                ON CONFLICT (practice_id) DO UPDATE SET require_totp = :required, updated_at = :now""")
                .param("practice", caller.practice().value())
                .param("required", required)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        auditLog.record(AuditEvent.of(caller, "practice.sign_in_policy_changed",
                AuditEvent.Target.of("practice", caller.practice()), Map.of("requireTotp", required)));
    }
}
