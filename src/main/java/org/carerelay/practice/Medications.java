package org.carerelay.practice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.shared.Caller;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A patient's current medications: recorded by clinical staff (or an EHR sync), stopped rather than deleted, and
 * what a patient picks from to ask for a refill. Names and doses are sealed at rest.
 */
@Service
public class Medications {

    private final JdbcClient jdbc;
    private final PhiCipher cipher;
    private final Patients patients;
    private final Providers providers;
    private final AuditLog auditLog;
    private final ClinicalAccess clinicalAccess;
    private final Clock clock;

    Medications(JdbcClient jdbc, PhiCipher cipher, Patients patients, Providers providers, AuditLog auditLog,
            ClinicalAccess clinicalAccess, Clock clock) {
        this.clinicalAccess = clinicalAccess;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.patients = patients;
        this.providers = providers;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public Medication add(Caller caller, PatientId patient, MedicationDetails details) {
        requireVisible(caller, patient);
        if (details.prescriberId() != null) {
            NotFoundException.referencedBy("prescriberId", () -> providers.get(caller.practice(),
                    new ProviderId(details.prescriberId())));
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO patient_medication (id, practice_id, patient_id, name, dosage, prescriber_id, active,
                                                created_at, updated_at)
                VALUES (:id, :practice, :patient, :name, :dosage, :prescriber, true, :now, :now)""")
                .param("id", id)
                .param("practice", caller.practice().value())
                .param("patient", patient.value())
                .param("name", cipher.seal(details.name().strip(), "patient_medication.name:" + id))
                .param("dosage", details.dosage() == null || details.dosage().isBlank() ? null
                        : cipher.seal(details.dosage().strip(), "patient_medication.dosage:" + id))
                .param("prescriber", details.prescriberId())
                .param("now", now)
                .update();
        auditLog.record(AuditEvent.of(caller, "medication.added", AuditEvent.Target.of("patient", patient),
                Map.of("medication", id)));
        return current(caller.practice(), patient).stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    /** The patient's current medications, viewed by {@code caller}: a PHI access, audited. */
    @Transactional
    public List<Medication> view(Caller caller, PatientId patient) {
        requireVisible(caller, patient);
        List<Medication> current = current(caller.practice(), patient);
        auditLog.record(AuditEvent.of(caller, "phi.medications.viewed", AuditEvent.Target.of("patient", patient)));
        return current;
    }

    /** A patient's own current medications, as their portal lists them to pick a refill from (audited). */
    @Transactional
    public List<Medication> viewOwn(Caller patient, PatientId id) {
        clinicalAccess.requireVisible(patient, id); // staff viewing the portal as the patient, too
        List<Medication> current = current(patient.practice(), id);
        auditLog.record(AuditEvent.of(patient, "phi.medications.viewed", AuditEvent.Target.of("patient", id)));
        return current;
    }

    /** Stops a medication: it leaves the current list (and the refill choices), its row stays. */
    @Transactional
    public void stop(Caller caller, PatientId patient, UUID id) {
        requireVisible(caller, patient);
        int stopped = jdbc.sql("UPDATE patient_medication SET active = false, updated_at = :now WHERE id = :id "
                        + "AND practice_id = :practice AND patient_id = :patient AND active")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("practice", caller.practice().value())
                .param("patient", patient.value())
                .update();
        if (stopped == 0) {
            throw new NotFoundException("Medication");
        }
        auditLog.record(AuditEvent.of(caller, "medication.stopped", AuditEvent.Target.of("patient", patient),
                Map.of("medication", id)));
    }

    /** The current medications, unaudited: for a caller that audits its own view. */
    @Transactional(readOnly = true)
    public List<Medication> current(PracticeId practice, PatientId patient) {
        return jdbc.sql("SELECT * FROM patient_medication WHERE practice_id = :practice AND patient_id = :patient "
                        + "AND active ORDER BY created_at, id")
                .param("practice", practice.value())
                .param("patient", patient.value())
                .query(this::medication)
                .list();
    }

    /** A doctor works with the medications of their own panel only (clinical access), as with messages. */
    private void requireVisible(Caller caller, PatientId patient) {
        patients.requireExists(caller.practice(), patient);
        clinicalAccess.requireVisible(caller, patient);
    }

    private Medication medication(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String dosage = rs.getString("dosage");
        return new Medication(id, rs.getObject("patient_id", UUID.class),
                cipher.open(rs.getString("name"), "patient_medication.name:" + id),
                dosage == null ? null : cipher.open(dosage, "patient_medication.dosage:" + id),
                rs.getObject("prescriber_id", UUID.class), rs.getTimestamp("created_at").toInstant());
    }
}
