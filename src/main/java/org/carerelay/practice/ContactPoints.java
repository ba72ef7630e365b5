package org.carerelay.practice;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Actor;
import org.carerelay.shared.ConflictException;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients' contact points and their consents. A consent is never overwritten: each decision is a new row of
 * history (who, when, from where), and the current consent is the latest decision per purpose.
 */
@Service
public class ContactPoints {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final ContactNormalizer normalizer;
    private final Clock clock;

    ContactPoints(JdbcClient jdbc, AuditLog auditLog, ContactNormalizer normalizer, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.normalizer = normalizer;
        this.clock = clock;
    }

    /** Adds a contact point to a patient whose existence in {@code practice} the caller has checked. */
    @Transactional
    public ContactPoint add(PracticeId practice, Actor actor, PatientId patient, NewContactPoint contact) {
        String value = contact.system() == ContactSystem.PHONE
                ? normalizer.phone(contact.value(), "value")
                : normalizer.email(contact.value(), "value");
        Map<ConsentPurpose, Boolean> consents = contact.consents() == null ? Map.of() : contact.consents();
        consents.keySet().forEach(purpose -> checkApplicable(contact.system(), purpose));
        ContactPointId id = ContactPointId.random();
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                    INSERT INTO contact_point (id, practice_id, patient_id, system, value, verified, created_at, updated_at)
                    VALUES (:id, :practice, :patient, :system, :value, :verified, :now, :now)""")
                    .param("id", id.value())
                    .param("practice", practice.value())
                    .param("patient", patient.value())
                    .param("system", contact.system().name())
                    .param("value", value)
                    .param("verified", Boolean.TRUE.equals(contact.verified()))
                    .param("now", Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The patient already has this contact point");
        }
        auditLog.record(new AuditEvent(practice, actor, "contact_point.added",
                AuditEvent.Target.of("contact_point", id), Map.of("patient", patient, "system", contact.system())));
        ConsentSource source = contact.consentSource() == null ? ConsentSource.STAFF : contact.consentSource();
        consents.forEach((purpose, granted) -> recordConsent(practice, actor, id, purpose, granted, source));
        Map<ConsentPurpose, Boolean> current = new EnumMap<>(ConsentPurpose.class);
        ConsentPurpose.applicableTo(contact.system()).forEach(purpose -> current.put(purpose,
                consents.getOrDefault(purpose, false)));
        return new ContactPoint(id, contact.system(), value, Boolean.TRUE.equals(contact.verified()), current);
    }

    @Transactional
    public ContactPoint setVerified(PracticeId practice, Actor actor, PatientId patient, ContactPointId id,
            boolean verified) {
        get(practice, patient, id);
        jdbc.sql("UPDATE contact_point SET verified = :verified, updated_at = :now "
                        + "WHERE id = :id AND practice_id = :practice")
                .param("verified", verified)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id.value())
                .param("practice", practice.value())
                .update();
        auditLog.record(new AuditEvent(practice, actor, "contact_point.updated",
                AuditEvent.Target.of("contact_point", id), Map.of("verified", verified)));
        return get(practice, patient, id);
    }

    @Transactional
    public ContactPoint changeConsent(PracticeId practice, Actor actor, PatientId patient, ContactPointId id,
            ConsentPurpose purpose, boolean granted, ConsentSource source) {
        ContactPoint contact = get(practice, patient, id);
        checkApplicable(contact.system(), purpose);
        recordConsent(practice, actor, id, purpose, granted, source);
        return get(practice, patient, id);
    }

    /** A contact point's consent history, viewed by {@code viewer}: a PHI access, audited. */
    @Transactional
    public List<ConsentChange> history(PracticeId practice, Actor viewer, PatientId patient, ContactPointId id) {
        get(practice, patient, id);
        auditLog.record(new AuditEvent(practice, viewer, "phi.consent_history.viewed",
                AuditEvent.Target.of("contact_point", id), Map.of("patient", patient)));
        return jdbc.sql("SELECT * FROM consent_change WHERE contact_point_id = :id AND practice_id = :practice "
                        + "ORDER BY id")
                .param("id", id.value())
                .param("practice", practice.value())
                .query((rs, n) -> new ConsentChange(ConsentPurpose.valueOf(rs.getString("purpose")),
                        rs.getBoolean("granted"), ConsentSource.valueOf(rs.getString("source")),
                        rs.getTimestamp("recorded_at").toInstant(),
                        new Actor(Actor.Type.valueOf(rs.getString("recorded_by_type")), rs.getString("recorded_by_id"))))
                .list();
    }

    @Transactional(readOnly = true)
    public ContactPoint get(PracticeId practice, PatientId patient, ContactPointId id) {
        return forPatients(practice, List.of(patient.value())).getOrDefault(patient.value(), List.of()).stream()
                .filter(contact -> contact.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Contact point"));
    }

    /** Who holds {@code value} (E.164 or lower-case email): a family phone has several patients. */
    public record Holder(PatientId patient, ContactPointId contactPoint) {
    }

    @Transactional(readOnly = true)
    public List<Holder> holders(PracticeId practice, ContactSystem system, String value) {
        return holders(practice, system, value, false);
    }

    /** The holders of {@code value} for whom the practice verified it: who may sign in with it. */
    @Transactional(readOnly = true)
    public List<Holder> verifiedHolders(PracticeId practice, ContactSystem system, String value) {
        return holders(practice, system, value, true);
    }

    private List<Holder> holders(PracticeId practice, ContactSystem system, String value, boolean verifiedOnly) {
        return jdbc.sql("SELECT patient_id, id FROM contact_point WHERE practice_id = :practice AND system = :system "
                        + "AND value = :value AND (verified OR NOT :verifiedOnly) ORDER BY created_at, id")
                .param("practice", practice.value())
                .param("system", system.name())
                .param("value", value)
                .param("verifiedOnly", verifiedOnly)
                .query((rs, n) -> new Holder(new PatientId(rs.getObject("patient_id", UUID.class)),
                        new ContactPointId(rs.getObject("id", UUID.class))))
                .list();
    }

    /** The contact points of each of {@code patients}, with current consents, in two queries. */
    @Transactional(readOnly = true)
    public Map<UUID, List<ContactPoint>> forPatients(PracticeId practice, Collection<UUID> patients) {
        if (patients.isEmpty()) {
            return Map.of();
        }
        record Row(UUID patient, UUID id, ContactSystem system, String value, boolean verified) {
        }
        List<Row> rows = jdbc.sql("SELECT * FROM contact_point WHERE practice_id = :practice "
                        + "AND patient_id IN (:patients) ORDER BY system DESC, created_at, id")
                .param("practice", practice.value())
                .param("patients", patients)
                .query((rs, n) -> new Row(rs.getObject("patient_id", UUID.class), rs.getObject("id", UUID.class),
                        ContactSystem.valueOf(rs.getString("system")), rs.getString("value"), rs.getBoolean("verified")))
                .list();
        Map<UUID, Map<ConsentPurpose, Boolean>> consents = currentConsents(practice,
                rows.stream().map(Row::id).toList());
        Map<UUID, List<ContactPoint>> byPatient = new HashMap<>();
        for (Row row : rows) {
            Map<ConsentPurpose, Boolean> current = new EnumMap<>(ConsentPurpose.class);
            for (ConsentPurpose purpose : ConsentPurpose.applicableTo(row.system())) {
                current.put(purpose, consents.getOrDefault(row.id(), Map.of()).getOrDefault(purpose, false));
            }
            byPatient.computeIfAbsent(row.patient(), p -> new ArrayList<>())
                    .add(new ContactPoint(new ContactPointId(row.id()), row.system(), row.value(), row.verified(),
                            current));
        }
        return byPatient;
    }

    /**
     * The consent decisions on record for {@code contactPoint}: a purpose absent from the map was never decided,
     * which the law treats differently from a refusal (the healthcare exemption applies to the former only).
     */
    @Transactional(readOnly = true)
    public Map<ConsentPurpose, Boolean> decisions(PracticeId practice, ContactPointId contactPoint) {
        return currentConsents(practice, List.of(contactPoint.value())).getOrDefault(contactPoint.value(), Map.of());
    }

    /** {@link #decisions(PracticeId, ContactPointId)} for many contact points, in one query. */
    @Transactional(readOnly = true)
    public Map<ContactPointId, Map<ConsentPurpose, Boolean>> decisions(PracticeId practice,
            Collection<ContactPointId> contactPoints) {
        Map<ContactPointId, Map<ConsentPurpose, Boolean>> decisions = new HashMap<>();
        currentConsents(practice, contactPoints.stream().map(ContactPointId::value).distinct().toList())
                .forEach((id, decided) -> decisions.put(new ContactPointId(id), decided));
        return decisions;
    }

    private Map<UUID, Map<ConsentPurpose, Boolean>> currentConsents(PracticeId practice, List<UUID> contactPoints) {
        Map<UUID, Map<ConsentPurpose, Boolean>> consents = new HashMap<>();
        if (contactPoints.isEmpty()) {
            return consents;
        }
        jdbc.sql("""
                SELECT DISTINCT ON (contact_point_id, purpose) contact_point_id, purpose, granted
                FROM consent_change
                WHERE practice_id = :practice AND contact_point_id IN (:ids)
                ORDER BY contact_point_id, purpose, id DESC""")
                .param("practice", practice.value())
                .param("ids", contactPoints)
                .query(rs -> {
                    consents.computeIfAbsent(rs.getObject("contact_point_id", UUID.class),
                                    id -> new EnumMap<>(ConsentPurpose.class))
                            .put(ConsentPurpose.valueOf(rs.getString("purpose")), rs.getBoolean("granted"));
                });
        return consents;
    }

    private void recordConsent(PracticeId practice, Actor actor, ContactPointId id, ConsentPurpose purpose,
            boolean granted, ConsentSource source) {
        jdbc.sql("""
                INSERT INTO consent_change (practice_id, contact_point_id, purpose, granted, source, recorded_at,
                                            recorded_by_type, recorded_by_id)
                VALUES (:practice, :id, :purpose, :granted, :source, :now, :actorType, :actorId)""")
                .param("practice", practice.value())
                .param("id", id.value())
                .param("purpose", purpose.name())
                .param("granted", granted)
                .param("source", source.name())
                .param("now", Timestamp.from(clock.instant()))
                .param("actorType", actor.type().name())
                .param("actorId", actor.id())
                .update();
        auditLog.record(new AuditEvent(practice, actor, "consent.changed", AuditEvent.Target.of("contact_point", id),
                Map.of("purpose", purpose, "granted", granted, "source", source)));
    }

    private static void checkApplicable(ContactSystem system, ConsentPurpose purpose) {
        if (!ConsentPurpose.applicableTo(system).contains(purpose)) {
            throw new InvalidFieldException("consents", purpose.name().toLowerCase()
                    + " does not apply to a contact point of type " + system.name().toLowerCase());
        }
    }
}
