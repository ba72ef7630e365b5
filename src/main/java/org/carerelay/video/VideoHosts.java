package org.carerelay.video;

import java.util.UUID;

import org.carerelay.practice.ClinicalAccess;
import org.carerelay.practice.ProviderId;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may host a video visit, that is, see its host link and the host's side of the room: the visit's own clinician
 * (the staff member linked to its provider) and the practice's clinical staff (the Clinical Staff role, and a
 * Doctor whose clinical access a Clinic Admin widened to the whole practice). Every host holds
 * {@code clinical:view}. Anyone else with {@code appointments:read} sees the visit, not the room.
 */
@Service
public class VideoHosts {

    private final ClinicalAccess clinicalAccess;

    VideoHosts(ClinicalAccess clinicalAccess) {
        this.clinicalAccess = clinicalAccess;
    }

    /** Which visits a caller may host: decided once, then asked per visit (a day's schedule asks for each). */
    public record Hosting(boolean anyVisit, ProviderId ownProvider) {

        static final Hosting NONE = new Hosting(false, null);

        public boolean mayHost(ProviderId visitProvider) {
            return anyVisit || ownProvider != null && ownProvider.equals(visitProvider);
        }
    }

    @Transactional(readOnly = true)
    public Hosting of(Caller caller) {
        UUID person = caller.person();
        if (person == null || !caller.can(Permissions.CLINICAL_VIEW)) {
            return Hosting.NONE;
        }
        ClinicalAccess.Setting setting = clinicalAccess.setting(caller, person);
        boolean anyVisit = StaffRole.CLINICAL_STAFF.name().equals(caller.role())
                || StaffRole.DOCTOR.name().equals(caller.role()) && setting.scope() == ClinicalAccess.Scope.PRACTICE;
        return new Hosting(anyVisit, setting.providerId() == null ? null : new ProviderId(setting.providerId()));
    }
}
