-- Roles and the permission matrix as data (module identity), and API bearer tokens.
CREATE TABLE role (
    code text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE permission (
    code        text PRIMARY KEY,
    description text NOT NULL
);

CREATE TABLE role_permission (
    role_code       text NOT NULL REFERENCES role,
    permission_code text NOT NULL REFERENCES permission,
    PRIMARY KEY (role_code, permission_code)
);

INSERT INTO role (code, name) VALUES
    ('SUPER_ADMIN', 'Super Admin'),
    ('CLINIC_ADMIN', 'Clinic Admin'),
    ('DOCTOR', 'Doctor'),
    ('CLINICAL_STAFF', 'Clinical Staff'),
    ('FRONT_DESK', 'Front Desk'),
    ('BILLING', 'Billing'),
    ('READ_ONLY', 'Read Only');

INSERT INTO permission (code, description) VALUES
    ('practice:read', 'See the practice, its locations, providers, staff and appointment types'),
    ('practice:manage', 'Change the practice, its locations, providers and appointment types'),
    ('staff:manage', 'Add, change and deactivate staff users'),
    ('patients:read', 'See patient demographics and contact points'),
    ('patients:write', 'Register patients and change their demographics, contact points and consents'),
    ('appointments:read', 'See appointments'),
    ('appointments:write', 'Book, change and cancel appointments'),
    ('clinical:view', 'See clinical content: clinical message bodies, notes, results'),
    ('billing:view', 'See statements and payments'),
    ('billing:manage', 'Issue statements and record payments'),
    ('audit:verify', 'Verify the audit chain and read the audit log'),
    ('settings:manage', 'Change runtime settings'),
    ('tokens:manage', 'Create and revoke API tokens'),
    ('comms:send_message', 'Send a message to one patient'),
    ('comms:send_bulk', 'Send a message to many patients at once'),
    ('comms:view_inbox', 'Work the unified inbox'),
    ('comms:manage_templates', 'Edit message templates'),
    ('comms:manage_campaigns', 'Create and run campaigns'),
    ('portal:admin', 'Configure the patient portal'),
    ('portal:impersonate', 'View the portal as a patient (read-only, audited)'),
    ('content:manage', 'Edit the educational content library');

INSERT INTO role_permission (role_code, permission_code)
SELECT r.code, p.code FROM role r CROSS JOIN permission p
WHERE r.code = 'SUPER_ADMIN'
   OR (r.code = 'CLINIC_ADMIN' AND p.code <> 'clinical:view')
   OR (r.code = 'DOCTOR' AND p.code IN ('practice:read', 'patients:read', 'patients:write', 'appointments:read',
        'appointments:write', 'clinical:view', 'comms:send_message', 'comms:view_inbox'))
   OR (r.code = 'CLINICAL_STAFF' AND p.code IN ('practice:read', 'patients:read', 'patients:write',
        'appointments:read', 'appointments:write', 'clinical:view', 'comms:send_message', 'comms:view_inbox',
        'content:manage'))
   OR (r.code = 'FRONT_DESK' AND p.code IN ('practice:read', 'patients:read', 'patients:write', 'appointments:read',
        'appointments:write', 'comms:send_message', 'comms:view_inbox'))
   OR (r.code = 'BILLING' AND p.code IN ('practice:read', 'patients:read', 'appointments:read', 'billing:view',
        'billing:manage', 'comms:send_message', 'comms:view_inbox'))
   OR (r.code = 'READ_ONLY' AND p.code IN ('practice:read', 'patients:read', 'appointments:read'));

ALTER TABLE staff_user ADD FOREIGN KEY (role) REFERENCES role (code);

CREATE TABLE api_token (
    id              uuid        PRIMARY KEY,
    practice_id     uuid        NOT NULL REFERENCES practice,
    name            text        NOT NULL,
    role            text        NOT NULL REFERENCES role (code),
    token_hash      char(64)    NOT NULL UNIQUE, -- SHA-256 of the token; the token itself is shown once
    created_at      timestamptz NOT NULL,
    created_by_type text        NOT NULL,
    created_by_id   text        NOT NULL,
    revoked_at      timestamptz
);

CREATE INDEX api_token_by_practice ON api_token (practice_id, created_at);
