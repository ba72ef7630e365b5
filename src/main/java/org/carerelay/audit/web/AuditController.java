package org.carerelay.audit.web;

import org.carerelay.audit.AuditLog;
import org.carerelay.audit.ChainVerification;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** Recomputes the caller's practice chain: {@code {"ok": true, "events": n}} or the first broken link. */
    @GetMapping("/verify")
    @RequiresPermission(Permissions.AUDIT_VERIFY)
    ChainVerification verify() {
        return auditLog.verify(Callers.current().practice());
    }
}
