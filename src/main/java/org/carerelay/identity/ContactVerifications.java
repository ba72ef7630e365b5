package org.carerelay.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.carerelay.practice.ContactPoint;
import org.carerelay.practice.ContactPointId;
import org.carerelay.practice.ContactPoints;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Caller;
import org.carerelay.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A phone number or e-mail address a patient adds in the portal, proven theirs by a code sent to it: six digits,
 * kept as a hash, for 15 minutes and five tries. Until then the contact point is unverified: nothing but the code
 * goes to it, and it signs no one in.
 */
@Service
public class ContactVerifications {

    static final Duration LIFETIME = Duration.ofMinutes(15);
    static final int TRIES = 5;
    static final String TEMPLATE = "contact-verification";

    /** What came of a code typed in. */
    public enum Outcome {
        VERIFIED, WRONG_CODE, EXPIRED
    }

    private final JdbcClient jdbc;
    private final ContactPoints contactPoints;
    private final Messages messages;
    private final AuditLog auditLog;
    private final Clock clock;

    ContactVerifications(JdbcClient jdbc, ContactPoints contactPoints, Messages messages, AuditLog auditLog,
            Clock clock) {
        this.jdbc = jdbc;
        this.contactPoints = contactPoints;
        this.messages = messages;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Adds {@code value} to the patient's contact points, unverified, and sends it a code; the verification id. */
    @Transactional
    public UUID start(Caller patient, PatientId id, ContactSystem system, String value) {
        ContactPoint added = contactPoints.add(patient.practice(), patient.actor(), id, new NewContactPoint(system,
                value, false, Map.of(), ConsentSource.PATIENT_PORTAL));
        return send(patient, id, added.id(), system);
    }

    /** A new code for a contact point still unverified (the first did not arrive, or expired). */
    @Transactional
    public UUID resend(Caller patient, PatientId id, ContactPointId contactPoint) {
        ContactPoint contact = contactPoints.get(patient.practice(), id, contactPoint);
        return send(patient, id, contact.id(), contact.system());
    }

    /**
     * Checks the code typed for verification {@code verification} of the patient's; a right one verifies the
     * contact point, and a phone may then get appointment texts (the patient can change that on the same page).
     */
    @Transactional
    public Outcome confirm(Caller patient, PatientId id, UUID verification, String code) {
        Optional<Map<String, Object>> row = jdbc.sql("SELECT * FROM contact_verification WHERE id = :id "
                        + "AND practice_id = :practice AND patient_id = :patient FOR UPDATE")
                .param("id", verification).param("practice", patient.practice().value()).param("patient", id.value())
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
            return attempts + 1 >= TRIES ? Outcome.EXPIRED : Outcome.WRONG_CODE;
        }
        jdbc.sql("UPDATE contact_verification SET verified_at = :now WHERE id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", verification).update();
        ContactPointId contactPoint = new ContactPointId((UUID) row.get().get("contact_point_id"));
        ContactPoint contact = contactPoints.setVerified(patient.practice(), patient.actor(), id, contactPoint, true);
        if (contact.system() == ContactSystem.PHONE) {
            contactPoints.changeConsent(patient.practice(), patient.actor(), id, contactPoint,
                    ConsentPurpose.TRANSACTIONAL_SMS, true, ConsentSource.PATIENT_PORTAL);
        }
        return Outcome.VERIFIED;
    }

    private UUID send(Caller patient, PatientId id, ContactPointId contactPoint, ContactSystem system) {
        String code = Secrets.digits(6);
        UUID verification = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO contact_verification (id, practice_id, patient_id, contact_point_id, code_hash, expires_at,
                                                  created_at)
                VALUES (:id, :practice, :patient, :contact, :hash, :expires, :now)""")
                .param("id", verification).param("practice", patient.practice().value()).param("patient", id.value())
                .param("contact", contactPoint.value()).param("hash", Secrets.sha256(code))
                .param("expires", Timestamp.from(now.plus(LIFETIME))).param("now", Timestamp.from(now))
                .update();
        messages.send(patient.practice(), patient.actor(), new SendRequest(id, contactPoint,
                system == ContactSystem.EMAIL ? Channel.EMAIL : Channel.SMS, TEMPLATE, Map.of("code", code),
                Purpose.SECURITY, null, null));
        auditLog.record(AuditEvent.of(patient, "contact_point.verification_sent",
                AuditEvent.Target.of("contact_point", contactPoint.value())));
        return verification;
    }
}
