package org.carerelay.identity;

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
import org.carerelay.messaging.Messages;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff password resets (and first passwords) by an e-mailed single-use link, good for 30 minutes. Asking answers
 * the same whether or not the address is staff; setting the new password ends every session of the account.
 */
@Service
public class PasswordResets {

    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final String TEMPLATE = "staff-password-reset";

    private final JdbcClient jdbc;
    private final Messages messages;
    private final StaffCredentials credentials;
    private final SignInRateLimits rateLimits;
    private final SignInThrottle throttle;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final AuditLog auditLog;
    private final Clock clock;
    private final String publicBaseUrl;

    PasswordResets(JdbcClient jdbc, Messages messages, StaffCredentials credentials, SignInRateLimits rateLimits,
            SignInThrottle throttle, FindByIndexNameSessionRepository<? extends Session> sessions, AuditLog auditLog,
            Clock clock, @Value("${carerelay.public-base-url}") String publicBaseUrl) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.credentials = credentials;
        this.rateLimits = rateLimits;
        this.throttle = throttle;
        this.sessions = sessions;
        this.auditLog = auditLog;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    private record Account(UUID staff, PracticeId practice, String language) {
    }

    /** E-mails a reset link to every active account with that address; throws {@link RateLimitedException}. */
    @Transactional
    public void request(String email, String clientAddress) {
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        rateLimits.take("reset:" + address, clientAddress).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
        List<Account> accounts = jdbc.sql("""
                SELECT s.id, s.practice_id, p.default_language FROM staff_user s JOIN practice p ON p.id = s.practice_id
                WHERE s.email = :email AND s.active""")
                .param("email", address)
                .query((rs, n) -> new Account(rs.getObject("id", UUID.class),
                        new PracticeId(rs.getObject("practice_id", UUID.class)), rs.getString("default_language")))
                .list();
        Instant now = clock.instant();
        for (Account account : accounts) {
            String token = Secrets.token(PatientSignIn.TOKEN_BYTES);
            jdbc.sql("""
                    INSERT INTO sign_in_link (token_hash, practice_id, purpose, staff_id, created_at, expires_at)
                    VALUES (:hash, :practice, 'PASSWORD_RESET', :staff, :now, :expires)""")
                    .param("hash", Secrets.sha256(token))
                    .param("practice", account.practice().value())
                    .param("staff", account.staff())
                    .param("now", Timestamp.from(now))
                    .param("expires", Timestamp.from(now.plus(LIFETIME)))
                    .update();
            messages.sendToStaff(account.practice(), address, TEMPLATE, account.language(),
                    Map.of("link", publicBaseUrl + "/console/password-reset/link?token=" + token));
            auditLog.record(new AuditEvent(account.practice(), Actor.system("staff-accounts"),
                    "staff.password_reset_issued", AuditEvent.Target.of("staff_user", account.staff()), null));
        }
    }

    /** Whether the link can still be used (for the page that asks for the new password; uses nothing up). */
    @Transactional(readOnly = true)
    public boolean usable(String token) {
        return token != null && jdbc.sql("""
                SELECT count(*) > 0 FROM sign_in_link WHERE token_hash = :hash AND purpose = 'PASSWORD_RESET'
                  AND consumed_at IS NULL AND expires_at > :now""")
                .param("hash", Secrets.sha256(token))
                .param("now", Timestamp.from(clock.instant()))
                .query(Boolean.class).single();
    }

    /**
     * Sets the new password and uses the link up; false when the link is unknown, used or expired. A password
     * that breaks the rules is refused ({@code password} field) and leaves the link usable.
     */
    @Transactional
    public boolean reset(String token, String password) {
        StaffCredentials.checkPolicy(password);
        record Used(UUID staff, PracticeId practice, String email) {
        }
        Optional<Used> used = token == null ? Optional.empty() : jdbc.sql("""
                UPDATE sign_in_link l SET consumed_at = :now FROM staff_user s
                WHERE l.token_hash = :hash AND l.purpose = 'PASSWORD_RESET' AND l.consumed_at IS NULL
                  AND l.expires_at > :now AND s.id = l.staff_id AND s.active
                RETURNING l.staff_id, l.practice_id, s.email""")
                .param("hash", Secrets.sha256(token))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Used(rs.getObject(1, UUID.class), new PracticeId(rs.getObject(2, UUID.class)),
                        rs.getString(3)))
                .optional();
        used.ifPresent(account -> {
            Actor actor = new Actor(Actor.Type.STAFF, account.staff().toString());
            credentials.setPassword(account.practice(), account.staff(), password, actor);
            throttle.succeeded("staff:" + account.email());
            sessions.findByPrincipalName(SignedIn.principalName(account.practice(), actor)).keySet()
                    .forEach(sessions::deleteById);
        });
        return used.isPresent();
    }
}
