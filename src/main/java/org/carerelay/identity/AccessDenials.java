package org.carerelay.identity;

import java.util.Map;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Caller;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Audits a signed-in caller turned away for lack of a permission (the request itself changes nothing). */
@Component
class AccessDenials {

    private final AuditLog auditLog;

    AccessDenials(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Caller caller, String permission) {
        auditLog.record(AuditEvent.of(caller, "access.denied", WebSessions.target(caller.actor()),
                Map.of("permission", permission == null ? "unknown" : permission)));
    }
}
