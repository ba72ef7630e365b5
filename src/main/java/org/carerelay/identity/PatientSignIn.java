package org.carerelay.identity;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.practice.ContactNormalizer;
import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practice;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.PracticeId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients sign in without a password: a single-use link by e-mail, or a 6-digit code by text. The link's token
 * is 256 random bits, kept only as a hash, good once for 15 minutes, bound to the practice and to the address or
 * number it was sent to. Asking answers the same whether or not the address is known.
 */
@Service
public class PatientSignIn {

    static final Duration LIFETIME = Duration.ofMinutes(15);
    static final int TOKEN_BYTES = 32;
    static final int CODE_ATTEMPTS = 5;
    static final String TEMPLATE = "sign-in-link";
    private static final Actor SENDER = Actor.system("portal-sign-in");

    /** What asking led to: the channel used, and for a text the token the code page carries in the session. */
    public record Requested(ContactSystem system, String codeToken) {
    }

    /**
     * A proven contact: the practice, and the patients it is verified for (several for a family phone, who then
     * choose). Kept in the session between the link and the chooser.
     */
    public record Proven(PracticeId practice, List<UUID> patients) implements Serializable {
    }

    private final JdbcClient jdbc;
    private final ContactNormalizer normalizer;
    private final ContactPoints contactPoints;
    private final Patients patients;
    private final Messages messages;
    private final SignInRateLimits rateLimits;
    private final AuditLog auditLog;
    private final Clock clock;
    private final String publicBaseUrl;

    PatientSignIn(JdbcClient jdbc, ContactNormalizer normalizer, ContactPoints contactPoints, Patients patients,
            Messages messages, SignInRateLimits rateLimits, AuditLog auditLog, Clock clock,
            @Value("${carerelay.public-base-url}") String publicBaseUrl) {
        this.jdbc = jdbc;
        this.normalizer = normalizer;
        this.contactPoints = contactPoints;
        this.patients = patients;
        this.messages = messages;
        this.rateLimits = rateLimits;
        this.auditLog = auditLog;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /**
     * Sends a sign-in link (e-mail) or code (text) to {@code typed} if the practice has it verified for a
     * patient. Refuses what is neither an e-mail address nor a phone number ({@code contact} field) and
     * throws {@link RateLimitedException} when asked too often.
     */
    @Transactional
    public Requested request(Practice practice, String typed, String clientAddress) {
        ContactSystem system = typed != null && typed.contains("@") ? ContactSystem.EMAIL : ContactSystem.PHONE;
        String value;
        try {
            value = system == ContactSystem.EMAIL ? normalizer.email(typed, "contact")
                    : normalizer.phone(typed, "contact");
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException("contact", "enter an email address or a mobile phone number");
        }
        rateLimits.take(practice.id() + ":" + system + ":" + value, clientAddress)
                .ifPresent(wait -> {
                    throw new RateLimitedException(wait);
                });
        String token = Secrets.token(TOKEN_BYTES);
        String code = system == ContactSystem.PHONE ? Secrets.digits(6) : null;
        var holders = contactPoints.verifiedHolders(practice.id(), system, value);
        if (!holders.isEmpty()) {
            Instant now = clock.instant();
            jdbc.sql("""
                    INSERT INTO sign_in_link (token_hash, practice_id, purpose, contact_system, contact_value,
                                              code_hash, created_at, expires_at)
                    VALUES (:hash, :practice, 'PATIENT_SIGN_IN', :system, :value, :code, :now, :expires)""")
                    .param("hash", Secrets.sha256(token))
                    .param("practice", practice.id().value())
                    .param("system", system.name())
                    .param("value", value)
                    .param("code", code == null ? null : Secrets.sha256(code))
                    .param("now", Timestamp.from(now))
                    .param("expires", Timestamp.from(now.plus(LIFETIME)))
                    .update();
            var holder = holders.get(0);
            String link = publicBaseUrl + "/portal/sign-in/link?token=" + token;
            messages.send(practice.id(), SENDER, new SendRequest(holder.patient(), holder.contactPoint(),
                    system == ContactSystem.EMAIL ? Channel.EMAIL : Channel.SMS, TEMPLATE,
                    Map.of("link", link, "code", code == null ? "" : code), Purpose.SECURITY, null, null));
            auditLog.record(new AuditEvent(practice.id(), SENDER, "sign_in.link_issued",
                    AuditEvent.Target.of("contact_point", holder.contactPoint().value()),
                    Map.of("channel", system.name())));
        }
        // For a text the browser keeps the token and the patient types the code; with no such patient the code
        // page still comes, and no code will ever be right.
        return new Requested(system, system == ContactSystem.PHONE ? token : null);
    }

    /** Uses up the e-mailed link: one caller wins, however many try at once. */
    @Transactional
    public Optional<Proven> useLink(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return consume(Secrets.sha256(token), true);
    }

    /** Checks a texted code against the sign-in it belongs to; five wrong codes end that sign-in. */
    @Transactional
    public Optional<Proven> useCode(String codeToken, String code) {
        if (codeToken == null || code == null || !code.trim().matches("\\d{6}")) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(codeToken);
        record Expected(PracticeId practice, String codeHash) {
        }
        Optional<Expected> expected = jdbc.sql("""
                UPDATE sign_in_link SET code_attempts = code_attempts + 1
                WHERE token_hash = :hash AND purpose = 'PATIENT_SIGN_IN' AND code_hash IS NOT NULL
                  AND consumed_at IS NULL AND expires_at > :now AND code_attempts < :max
                RETURNING practice_id, code_hash""")
                .param("hash", hash)
                .param("now", Timestamp.from(clock.instant()))
                .param("max", CODE_ATTEMPTS)
                .query((rs, n) -> new Expected(new PracticeId(rs.getObject("practice_id", UUID.class)),
                        rs.getString("code_hash")))
                .optional();
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        if (!Secrets.same(expected.get().codeHash(), Secrets.sha256(code.trim()))) {
            auditLog.record(new AuditEvent(expected.get().practice(), SENDER, "sign_in.failed", null,
                    Map.of("factor", "texted-code")));
            return Optional.empty();
        }
        return consume(hash, false);
    }

    /** {@code emailLink}: only a link sent by e-mail (a texted code's token is not a link). */
    private Optional<Proven> consume(String tokenHash, boolean emailLink) {
        record Link(PracticeId practice, ContactSystem system, String value) {
        }
        Optional<Link> link = jdbc.sql("""
                UPDATE sign_in_link SET consumed_at = :now
                WHERE token_hash = :hash AND purpose = 'PATIENT_SIGN_IN' AND consumed_at IS NULL AND expires_at > :now
                  AND (code_hash IS NULL OR NOT :emailLink)
                RETURNING practice_id, contact_system, contact_value""")
                .param("hash", tokenHash)
                .param("emailLink", emailLink)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Link(new PracticeId(rs.getObject("practice_id", UUID.class)),
                        ContactSystem.valueOf(rs.getString("contact_system")), rs.getString("contact_value")))
                .optional();
        return link.map(used -> {
            var holders = contactPoints.verifiedHolders(used.practice(), used.system(), used.value());
            holders.forEach(holder -> auditLog.record(new AuditEvent(used.practice(), SENDER,
                    "sign_in.link_consumed", AuditEvent.Target.of("contact_point", holder.contactPoint().value()),
                    Map.of("channel", used.system().name()))));
            return new Proven(used.practice(), holders.stream().map(h -> h.patient().value()).distinct().toList());
        });
    }

    /** The patients a proven contact may sign in as, for the chooser: id and given name only. */
    @Transactional(readOnly = true)
    public List<Patient> choices(Proven proven) {
        return proven.patients().stream().map(id -> patients.find(proven.practice(), new PatientId(id))).toList();
    }

    /** Signs in as one of the proven contact's patients; audits it. */
    @Transactional
    public Optional<Caller> signIn(Proven proven, UUID patient) {
        if (!proven.patients().contains(patient)) {
            return Optional.empty();
        }
        Caller caller = new Caller(proven.practice(), new Actor(Actor.Type.PATIENT, patient.toString()), "PATIENT",
                Set.of());
        auditLog.record(AuditEvent.of(caller, "sign_in.succeeded", AuditEvent.Target.of("patient", patient),
                Map.of("method", "link")));
        return Optional.of(caller);
    }
}
