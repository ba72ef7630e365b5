package org.carerelay;

import org.carerelay.audit.AuditChainer;
import org.springframework.context.ApplicationContext;

/** For tests that read the audit log's table: events are chained just after their commit, not at it. */
public final class AuditTrail {

    private AuditTrail() {
    }

    /** Chains every event committed so far, so that a query of {@code audit_event} sees them. */
    public static void chain(ApplicationContext context) {
        context.getBean(AuditChainer.class).chainNow();
    }
}
