package org.carerelay.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactNormalizer;
import org.carerelay.practice.ContactPoint;
import org.carerelay.practice.ContactPointId;
import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.shared.Caller;
import org.carerelay.shared.ConflictException;
import org.carerelay.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A phone number or e-mail address a patient adds in the portal, proven theirs by a code sent to it: six digits,
 * kept as a hash, for 15 minutes and five tries. It becomes a contact point only once proven, so until then nothing
 * else goes to it and no message from it is taken for the patient's. A contact point staff entered unverified is
 * proven the same way. A patient gets at most {@value #CODES_PER_WINDOW} codes per quarter of an hour, and a new
 * code ends the earlier ones for the same address.
 */
@Service
public class ContactVerifications {

    static final Duration LIFETIME = Duration.ofMinutes(15);
    static final int TRIES = 5;
    static final int CODES_PER_WINDOW = 3;
    static final String TEMPLATE = Messages.CONTACT_VERIFICATION_TEMPLATE;

    /** What came of a code typed in. */
    public enum Outcome {
        VERIFIED, WRONG_CODE, EXPIRED
    }

    private final JdbcClient jdbc;
    private final ContactPoints contactPoints;
    private final ContactNormalizer normalizer;
    private final Patients patients;
    private final Messages messages;
    private final AuditLog auditLog;
    private final Clock clock;

    ContactVerifications(JdbcClient jdbc, ContactPoints contactPoints, ContactNormalizer normalizer,
            Patients patients, Messages messages, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.contactPoints = contactPoints;
        this.normalizer = normalizer;
        this.patients = patients;
        this.messages = messages;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Sends a code to a phone or address the patient is adding; the verification id. */
    @Transactional
    public UUID start(Caller caller, PatientId id, ContactSystem system, String raw) {
        String value = system == ContactSystem.PHONE ? normalizer.phone(raw, "value") : normalizer.email(raw, "value");
        Patient patient = patients.find(caller.practice(), id);
        if (patient.contactPoints().stream().anyMatch(contact -> contact.value().equals(value))) {
            throw new ConflictException("The patient already has this contact point");
        }
        throttle(caller, id);
        jdbc.sql("UPDATE contact_verification SET expires_at = :now WHERE practice_id = :practice "
                        + "AND patient_id = :patient AND value = :value AND verified_at IS NULL AND expires_at > :now")
                .param("now", Timestamp.from(clock.instant())).param("practice", caller.practice().value())
                .param("patient", id.value()).param("value", value).update();
        String code = Secrets.digits(6);
        UUID verification = insert(caller, id, null, system, value, code);
        messages.sendVerificationCode(caller.practice(), caller.actor(), channel(system), value, TEMPLATE,
                patient.preferredLanguage(), Map.of("code", code));
        return verification;
    }

    /** A code for a contact point of the patient's that staff entered unverified. */
    @Transactional
    public UUID resend(Caller caller, PatientId id, ContactPointId contactPoint) {
        ContactPoint contact = contactPoints.get(caller.practice(), id, contactPoint);
        if (contact.verified()) {
            // A confirmation would grant text consent again, which the patient may have withdrawn since.
            throw new ConflictException("The contact point is already verified");
        }
        throttle(caller, id);
        jdbc.sql("UPDATE contact_verification SET expires_at = :now WHERE contact_point_id = :contact "
                        + "AND verified_at IS NULL AND expires_at > :now")
                .param("now", Timestamp.from(clock.instant())).param("contact", contact.id().value()).update();
        String code = Secrets.digits(6);
        UUID verification = insert(caller, id, contact.id(), null, null, code);
        messages.send(caller.practice(), caller.actor(), new SendRequest(id, contact.id(), channel(contact.system()),
                TEMPLATE, Map.of("code", code), Purpose.SECURITY, null, null));
        return verification;
    }

    /**
     * Checks the code typed for verification {@code verification} of the patient's. A right one makes the phone or
     * address a verified contact point; a phone may then get appointment texts (changeable on the same page).
     */
    @Transactional
    public Outcome confirm(Caller caller, PatientId id, UUID verification, String code) {
        Optional<Map<String, Object>> row = jdbc.sql("SELECT * FROM contact_verification WHERE id = :id "
                        + "AND practice_id = :practice AND patient_id = :patient FOR UPDATE")
                .param("id", verification).param("practice", caller.practice().value()).param("patient", id.value())
                .query().listOfRows().stream().findFirst();
        if (row.isEmpty()) {
            throw new NotFoundException("Verification");
        }
        Instant expires = ((Timestamp) row.get().get("expires_at")).toInstant();
        int attempts = (Integer) row.get().get("attempts");
        if (row.get().get("verified_at") != null || !clock.instant().isBefore(expires) || attempts >= TRIES) {
            return Outcome.EXPIRED;
        }
        boolean right = code != null
                && Secrets.same(Secrets.sha256(code.strip()), (String) row.get().get("code_hash"));
        if (!right) {
            jdbc.sql("UPDATE contact_verification SET attempts = attempts + 1 WHERE id = :id")
                    .param("id", verification).update();
            auditLog.record(AuditEvent.of(caller, "contact_point.verification_failed",
                    AuditEvent.Target.of("contact_verification", verification), Map.of("attempt", attempts + 1)));
            return attempts + 1 >= TRIES ? Outcome.EXPIRED : Outcome.WRONG_CODE;
        }
        jdbc.sql("UPDATE contact_verification SET verified_at = :now WHERE id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", verification).update();
        UUID existing = (UUID) row.get().get("contact_point_id");
        if (existing != null) {
            ContactPoint contact = contactPoints.setVerified(caller.practice(), caller.actor(), id,
                    new ContactPointId(existing), true);
            if (contact.system() == ContactSystem.PHONE) {
                contactPoints.changeConsent(caller.practice(), caller.actor(), id, contact.id(),
                        ConsentPurpose.TRANSACTIONAL_SMS, true, ConsentSource.PATIENT_PORTAL);
            }
        } else {
            ContactSystem system = ContactSystem.valueOf((String) row.get().get("system"));
            contactPoints.add(caller.practice(), caller.actor(), id, new NewContactPoint(system,
                    (String) row.get().get("value"), true, system == ContactSystem.PHONE
                            ? Map.of(ConsentPurpose.TRANSACTIONAL_SMS, true) : Map.of(),
                    ConsentSource.PATIENT_PORTAL));
        }
        return Outcome.VERIFIED;
    }

    /** At most {@value #CODES_PER_WINDOW} codes a patient per {@link #LIFETIME}: texts cost, codes are guesses. */
    private void throttle(Caller caller, PatientId id) {
        Instant since = clock.instant().minus(LIFETIME);
        List<Instant> recent = jdbc.sql("SELECT created_at FROM contact_verification "
                        + "WHERE practice_id = :practice AND patient_id = :patient AND created_at > :since "
                        + "ORDER BY created_at")
                .param("practice", caller.practice().value()).param("patient", id.value())
                .param("since", Timestamp.from(since))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        if (recent.size() >= CODES_PER_WINDOW) {
            throw new RateLimitedException(Duration.between(since, recent.get(0))); // until the oldest ages out
        }
    }

    private UUID insert(Caller caller, PatientId id, ContactPointId contactPoint, ContactSystem system, String value,
            String code) {
        UUID verification = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO contact_verification (id, practice_id, patient_id, contact_point_id, system, value,
                                                  code_hash, expires_at, created_at)
                VALUES (:id, :practice, :patient, :contact, :system, :value, :hash, :expires, :now)""")
                .param("id", verification).param("practice", caller.practice().value()).param("patient", id.value())
                .param("contact", contactPoint == null ? null : contactPoint.value())
                .param("system", system == null ? null : system.name()).param("value", value)
                .param("hash", Secrets.sha256(code))
                .param("expires", Timestamp.from(now.plus(LIFETIME))).param("now", Timestamp.from(now))
                .update();
        auditLog.record(AuditEvent.of(caller, "contact_point.verification_sent",
                AuditEvent.Target.of("contact_verification", verification)));
        return verification;
    }

    private static Channel channel(ContactSystem system) {
        return system == ContactSystem.EMAIL ? Channel.EMAIL : Channel.SMS;
    }
}
