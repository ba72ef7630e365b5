package org.carerelay.practice;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.Permissions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see a patient's clinical content (clinical message bodies, notes, results). It takes the
 * {@code clinical:view} permission; a Doctor has it only for the patients on their panel — those whose usual
 * provider they are, or who saw them in the last 24 months or are booked with them — unless a Clinic Admin
 * widened their access to the whole practice. A Doctor linked to no provider has an empty panel. An urgent or crisis
 * message is the exception ({@link #canSeeUrgent}): every clinician reads it, whatever their panel.
 *
 * <p>An API token is held to the person it acts for: a token of a Doctor (or a Doctor-role token of anyone) sees
 * that person's panel. An integration token acts for nobody, so a Doctor-role integration sees no patient's
 * clinical content; other roles with {@code clinical:view} see the whole practice.
 */
@Service
public class ClinicalAccess {

    static final int PANEL_MONTHS = 24;

    public enum Scope {
        PANEL, PRACTICE
    }

    /** A staff member's clinical access as a Clinic Admin set it: the provider they are, and how far they see. */
    public record Setting(UUID providerId, Scope scope) {
    }

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;

    ClinicalAccess(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean canSee(Caller caller, PatientId patient) {
        return visiblePatients(caller, List.of(patient)).contains(patient);
    }

    /**
     * Whether {@code caller} may read an urgent or crisis clinical message, of any patient: every role with
     * {@code clinical:view} may (a Doctor beyond their panel too), because whichever clinician is on call has to
     * act on it before anyone can check whose patient it is. Roles without {@code clinical:view} (front desk,
     * billing, and the Clinic Admin, whose role leaves clinical content out) may not. The caller records the
     * reading as a PHI view.
     */
    public boolean canSeeUrgent(Caller caller) {
        return caller.can(Permissions.CLINICAL_VIEW);
    }

    /**
     * Not found unless {@code caller} may see the patient's clinical content: the patient themself, or staff this
     * class allows (a doctor: their panel). Staff viewing a patient's portal are held to the same rule.
     */
    @Transactional(readOnly = true)
    public void requireVisible(Caller caller, PatientId patient) {
        boolean themself = caller.actor().type() == Actor.Type.PATIENT
                && caller.actor().id().equals(patient.value().toString());
        if (!themself && !canSee(caller, patient)) {
            throw new NotFoundException("Patient");
        }
    }

    /**
     * The patients among {@code patients} whose clinical content {@code caller} may see: for a page of them, in
     * one query rather than one per patient.
     */
    @Transactional(readOnly = true)
    public Set<PatientId> visiblePatients(Caller caller, Collection<PatientId> patients) {
        if (!caller.can(Permissions.CLINICAL_VIEW) || patients.isEmpty()) {
            return Set.of();
        }
        UUID person = caller.person();
        boolean doctor = StaffRole.DOCTOR.name().equals(caller.role());
        if (person == null) {
            // An integration token has no person and so no panel: a Doctor role's access is a panel, so none.
            return doctor ? Set.of() : Set.copyOf(patients);
        }
        if (!doctor && caller.actor().type() == Actor.Type.STAFF) {
            return Set.copyOf(patients); // a session's role is its person's current role: not a Doctor
        }
        Reach reach = reach(caller, person);
        if (!doctor && reach.role() != StaffRole.DOCTOR || reach.setting().scope() == Scope.PRACTICE) {
            return Set.copyOf(patients);
        }
        Setting setting = reach.setting();
        if (setting.providerId() == null) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                SELECT p.id FROM patient p
                WHERE p.practice_id = :practice AND p.id IN (:patients)
                  AND (p.usual_provider_id = :provider
                       OR EXISTS (SELECT FROM appointment a WHERE a.practice_id = :practice AND a.patient_id = p.id
                                   AND a.provider_id = :provider AND a.starts_at >= :since))""")
                .param("practice", caller.practice().value())
                .param("patients", patients.stream().map(PatientId::value).distinct().toList())
                .param("provider", setting.providerId())
                .param("since", Timestamp.from(clock.instant().atOffset(ZoneOffset.UTC)
                        .minusMonths(PANEL_MONTHS).toInstant()))
                .query((rs, n) -> new PatientId(rs.getObject("id", UUID.class)))
                .list());
    }

    @Transactional(readOnly = true)
    public Setting setting(Caller caller, UUID staff) {
        return reach(caller, staff).setting();
    }

    /** A staff member's current role with their clinical access setting. */
    private record Reach(StaffRole role, Setting setting) {
    }

    private Reach reach(Caller caller, UUID staff) {
        return jdbc.sql("SELECT role, provider_id, clinical_scope FROM staff_user WHERE practice_id = :practice AND id = :id")
                .param("practice", caller.practice().value())
                .param("id", staff)
                .query((rs, n) -> new Reach(StaffRole.valueOf(rs.getString("role")),
                        new Setting(rs.getObject("provider_id", UUID.class), Scope.valueOf(rs.getString("clinical_scope")))))
                .optional()
                .orElseThrow(() -> new NotFoundException("Staff user"));
    }

    /** A Clinic Admin links a staff member to the provider they are and sets how far they see; audited. */
    @Transactional
    public Setting set(Caller caller, UUID staff, Setting setting) {
        if (setting.scope() == null) {
            throw new InvalidFieldException("scope", "is required");
        }
        Optional.ofNullable(setting.providerId()).ifPresent(provider -> NotFoundException.referencedBy("providerId",
                () -> jdbc.sql("SELECT id FROM provider WHERE practice_id = :practice AND id = :id")
                        .param("practice", caller.practice().value()).param("id", provider)
                        .query(UUID.class).optional().orElseThrow(() -> new NotFoundException("Provider"))));
        int updated = jdbc.sql("""
                UPDATE staff_user SET provider_id = :provider, clinical_scope = :scope, updated_at = :now
                WHERE practice_id = :practice AND id = :id""")
                .param("provider", setting.providerId())
                .param("scope", setting.scope().name())
                .param("now", Timestamp.from(clock.instant()))
                .param("practice", caller.practice().value())
                .param("id", staff)
                .update();
        if (updated == 0) {
            throw new NotFoundException("Staff user");
        }
        auditLog.record(AuditEvent.of(caller, "staff.clinical_access_changed", AuditEvent.Target.of("staff_user", staff),
                Map.of("scope", setting.scope())));
        return setting;
    }
}
