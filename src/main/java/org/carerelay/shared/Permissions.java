package org.carerelay.shared;

import java.util.List;

/**
 * The permission codes of CareRelay's role matrix. Which role holds which is data (table
 * {@code role_permission}, seeded by migration); these constants name them in code, and a test keeps the two
 * in step.
 */
public final class Permissions {

    public static final String PRACTICE_READ = "practice:read";
    public static final String PRACTICE_MANAGE = "practice:manage";
    public static final String STAFF_MANAGE = "staff:manage";
    public static final String PATIENTS_READ = "patients:read";
    public static final String PATIENTS_WRITE = "patients:write";
    public static final String APPOINTMENTS_READ = "appointments:read";
    public static final String APPOINTMENTS_WRITE = "appointments:write";
    public static final String CLINICAL_VIEW = "clinical:view";
    public static final String BILLING_VIEW = "billing:view";
    public static final String BILLING_MANAGE = "billing:manage";
    public static final String AUDIT_VERIFY = "audit:verify";
    public static final String SETTINGS_MANAGE = "settings:manage";
    public static final String TOKENS_MANAGE = "tokens:manage";
    public static final String COMMS_SEND_MESSAGE = "comms:send_message";
    public static final String COMMS_SEND_BULK = "comms:send_bulk";
    public static final String COMMS_VIEW_INBOX = "comms:view_inbox";
    public static final String COMMS_MANAGE_TEMPLATES = "comms:manage_templates";
    public static final String COMMS_MANAGE_CAMPAIGNS = "comms:manage_campaigns";
    public static final String PORTAL_ADMIN = "portal:admin";
    public static final String PORTAL_IMPERSONATE = "portal:impersonate";
    public static final String CONTENT_MANAGE = "content:manage";

    public static final List<String> ALL = List.of(PRACTICE_READ, PRACTICE_MANAGE, STAFF_MANAGE, PATIENTS_READ,
            PATIENTS_WRITE, APPOINTMENTS_READ, APPOINTMENTS_WRITE, CLINICAL_VIEW, BILLING_VIEW, BILLING_MANAGE,
            AUDIT_VERIFY, SETTINGS_MANAGE, TOKENS_MANAGE, COMMS_SEND_MESSAGE, COMMS_SEND_BULK, COMMS_VIEW_INBOX,
            COMMS_MANAGE_TEMPLATES, COMMS_MANAGE_CAMPAIGNS, PORTAL_ADMIN, PORTAL_IMPERSONATE, CONTENT_MANAGE);

    private Permissions() {
    }
}
