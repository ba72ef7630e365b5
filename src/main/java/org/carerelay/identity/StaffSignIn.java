package org.carerelay.identity;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiDecryptionException;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff sign-in in two steps: e-mail and password, then (when enrolled, or required by the practice) a code from
 * the authenticator app or a recovery code. Failures of either step count against the address typed
 * ({@link SignInThrottle}); the answer to a wrong password is the same whether or not the address exists.
 */
@Service
public class StaffSignIn {

    /** The session attribute that holds a sign-in whose password was right and whose second factor is due. */
    public static final String PENDING = "carerelay.staff-sign-in";
    /** How long the second step may wait for the first. */
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(StaffSignIn.class);

    /** Where the first step left off: who, and what the second step must do. */
    public record Pending(UUID staff, PracticeId practice, String throttleKey, boolean totpEnabled,
            boolean totpRequired, Instant at) implements Serializable {

        /** Signed in without a second factor only when none is enrolled and the practice requires none. */
        public boolean needsSecondFactor() {
            return totpEnabled;
        }

        public boolean mustEnroll() {
            return !totpEnabled && totpRequired;
        }
    }

    /** OK: the password (or code) was right; CHOOSE: right for accounts in several practices, the person picks. */
    public enum Status {
        OK, CHOOSE, WRONG, THROTTLED
    }

    /** {@code choices}: with CHOOSE, one pending sign-in per practice whose account the password opened. */
    public record Outcome(Status status, Pending pending, Duration retryAfter, List<Pending> choices) {

        Outcome(Status status, Pending pending, Duration retryAfter) {
            this(status, pending, retryAfter, List.of());
        }
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final String decoyHash;
    private final SignInThrottle throttle;
    private final Totp totp;
    private final StaffCredentials credentials;
    private final Roles roles;
    private final AuditLog auditLog;
    private final Clock clock;

    StaffSignIn(JdbcClient jdbc, PasswordEncoder passwords, SignInThrottle throttle, Totp totp,
            StaffCredentials credentials, Roles roles, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.decoyHash = passwords.encode(Secrets.token(16));
        this.throttle = throttle;
        this.totp = totp;
        this.credentials = credentials;
        this.roles = roles;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    private record Account(UUID staff, PracticeId practice, String passwordHash, boolean totpEnabled) {
    }

    /** Step one. */
    @Transactional
    public Outcome password(String email, String password) {
        String key = "staff:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
        Optional<Duration> wait = throttle.retryAfter(key);
        if (wait.isPresent()) {
            return new Outcome(Status.THROTTLED, null, wait.get());
        }
        List<Account> accounts = jdbc.sql("""
                SELECT s.id, s.practice_id, c.password_hash, c.totp_enabled_at IS NOT NULL AS totp
                FROM staff_user s JOIN staff_credential c ON c.staff_id = s.id
                JOIN practice p ON p.id = s.practice_id
                WHERE s.email = :email AND s.active AND c.password_hash IS NOT NULL
                ORDER BY p.created_at, p.id""")
                .param("email", key.substring("staff:".length()))
                .query((rs, n) -> new Account(rs.getObject("id", UUID.class),
                        new PracticeId(rs.getObject("practice_id", UUID.class)), rs.getString("password_hash"),
                        rs.getBoolean("totp")))
                .list();
        if (accounts.isEmpty()) {
            passwords.matches(password == null ? "" : password, decoyHash); // the same work as a real check
            log.info("Staff sign-in failed: no active account with a password for the address typed");
            return new Outcome(Status.WRONG, null, throttle.failed(key));
        }
        // One address may be staff of several practices, each account with its own password.
        List<Pending> opened = accounts.stream()
                .filter(account -> password != null && passwords.matches(password, account.passwordHash()))
                .map(account -> new Pending(account.staff(), account.practice(), key, account.totpEnabled(),
                        credentials.totpRequired(account.practice()), clock.instant()))
                .toList();
        if (opened.size() == 1) {
            return new Outcome(Status.OK, opened.get(0), null);
        }
        if (opened.size() > 1) {
            return new Outcome(Status.CHOOSE, null, null, opened);
        }
        Account first = accounts.get(0);
        auditLog.record(new AuditEvent(first.practice(), staffActor(first.staff()), "sign_in.failed",
                AuditEvent.Target.of("staff_user", first.staff()), Map.of("factor", "password")));
        return new Outcome(Status.WRONG, null, throttle.failed(key));
    }

    /** Step two: a code from the authenticator app, or one of the recovery codes (used up by this). */
    @Transactional
    public Outcome secondFactor(Pending pending, String code) {
        Optional<Duration> wait = throttle.retryAfter(pending.throttleKey());
        if (wait.isPresent()) {
            return new Outcome(Status.THROTTLED, pending, wait.get());
        }
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        boolean right = RecoveryCodes.looksLikeOne(typed) ? useRecoveryCode(pending, typed) : useTotp(pending, typed);
        Actor actor = staffActor(pending.staff());
        if (!right) {
            auditLog.record(new AuditEvent(pending.practice(), actor, "sign_in.failed",
                    AuditEvent.Target.of("staff_user", pending.staff()), Map.of("factor", "totp")));
            return new Outcome(Status.WRONG, pending, throttle.failed(pending.throttleKey()));
        }
        auditLog.record(new AuditEvent(pending.practice(), actor, "sign_in.second_factor_passed",
                AuditEvent.Target.of("staff_user", pending.staff()),
                Map.of("method", RecoveryCodes.looksLikeOne(typed) ? "recovery-code" : "totp")));
        return new Outcome(Status.OK, pending, null);
    }

    private boolean useTotp(Pending pending, String code) {
        record Secret(String secret, Long lastStep) {
        }
        Optional<Secret> secret = jdbc.sql("""
                SELECT totp_secret, totp_last_step FROM staff_credential
                WHERE staff_id = :staff AND totp_enabled_at IS NOT NULL FOR UPDATE""")
                .param("staff", pending.staff())
                .query((rs, n) -> new Secret(rs.getString(1), rs.getObject(2, Long.class)))
                .optional();
        if (secret.isEmpty()) {
            return false;
        }
        String opened;
        try {
            opened = credentials.openTotpSecret(pending.staff(), secret.get().secret());
        } catch (PhiDecryptionException e) {
            // Altered, or copied from another account's row: no code can match it, and someone should look.
            log.error("The TOTP secret of staff {} could not be opened; second factor refused", pending.staff());
            return false;
        }
        var step = totp.verify(opened, code, secret.get().lastStep());
        step.ifPresent(accepted -> jdbc.sql(
                        "UPDATE staff_credential SET totp_last_step = :step WHERE staff_id = :staff")
                .param("step", accepted).param("staff", pending.staff()).update());
        return step.isPresent();
    }

    private boolean useRecoveryCode(Pending pending, String code) {
        return jdbc.sql("""
                UPDATE staff_recovery_code SET used_at = :now
                WHERE staff_id = :staff AND code_hash = :hash AND used_at IS NULL""")
                .param("now", Timestamp.from(clock.instant()))
                .param("staff", pending.staff())
                .param("hash", Secrets.sha256(RecoveryCodes.normalize(code)))
                .update() == 1;
    }

    /** The signed-in staff member, once every step passed; audits the sign-in. Empty if since deactivated. */
    @Transactional
    public Optional<Caller> complete(Pending pending) {
        Optional<Caller> caller = current(pending.practice(), pending.staff());
        caller.ifPresent(signedIn -> {
            throttle.succeeded(pending.throttleKey());
            auditLog.record(AuditEvent.of(signedIn, "sign_in.succeeded",
                    AuditEvent.Target.of("staff_user", pending.staff()),
                    Map.of("secondFactor", pending.needsSecondFactor())));
        });
        return caller;
    }

    /** The staff member as they are now: their current role's permissions; empty when no longer active. */
    @Transactional(readOnly = true)
    public Optional<Caller> current(PracticeId practice, UUID staff) {
        return jdbc.sql("SELECT role FROM staff_user WHERE practice_id = :practice AND id = :id AND active")
                .param("practice", practice.value())
                .param("id", staff)
                .query((rs, n) -> {
                    StaffRole role = StaffRole.valueOf(rs.getString("role"));
                    return new Caller(practice, staffActor(staff), role.name(), roles.permissionsOf(role));
                })
                .optional();
    }

    public boolean expired(Pending pending) {
        return pending.at().plus(PENDING_LIFETIME).isBefore(clock.instant());
    }

    private static Actor staffActor(UUID staff) {
        return new Actor(Actor.Type.STAFF, staff.toString());
    }
}
