-- Sign-in (module identity): staff passwords and second factors, single-use links (patient sign-in, password
-- reset), throttles, and the web sessions every node shares (Spring Session JDBC).

-- A practice's address in portal links: /portal/sign-in?practice=riverside-family-medicine
ALTER TABLE practice ADD COLUMN slug text;
WITH named AS (
    SELECT id, created_at,
           coalesce(nullif(trim(BOTH '-' FROM regexp_replace(lower(brand_name), '[^a-z0-9]+', '-', 'g')), ''),
                    'practice') AS base
    FROM practice
), numbered AS (
    SELECT id, base, row_number() OVER (PARTITION BY base ORDER BY created_at, id) AS n FROM named
)
UPDATE practice p SET slug = CASE WHEN n = 1 THEN base ELSE base || '-' || n END
FROM numbered WHERE numbered.id = p.id;
ALTER TABLE practice ALTER COLUMN slug SET NOT NULL;
ALTER TABLE practice ADD CONSTRAINT practice_slug_unique UNIQUE (slug);

-- Whether every staff member of the practice must use a second factor (a Clinic Admin decides).
CREATE TABLE sign_in_policy (
    practice_id   uuid        PRIMARY KEY REFERENCES practice,
    require_totp  boolean     NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE staff_credential (
    staff_id            uuid        PRIMARY KEY REFERENCES staff_user,
    practice_id         uuid        NOT NULL REFERENCES practice,
    password_hash       text, -- Spring Security's delegating format: {bcrypt}$2a$...
    password_changed_at timestamptz,
    totp_secret         text, -- base32, present once enrollment is confirmed
    totp_enabled_at     timestamptz,
    totp_last_step      bigint -- the last accepted 30-second step: a code is good once
);

-- One-time recovery codes, stored as SHA-256 (they are random, 50 bits each, and throttled like passwords).
CREATE TABLE staff_recovery_code (
    staff_id  uuid        NOT NULL REFERENCES staff_user,
    code_hash char(64)    NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (staff_id, code_hash)
);

-- Single-use links: patient sign-in (by email link or SMS code) and staff password reset. Only hashes are kept.
CREATE TABLE sign_in_link (
    token_hash       char(64)    PRIMARY KEY,
    practice_id      uuid        NOT NULL REFERENCES practice,
    purpose          text        NOT NULL CHECK (purpose IN ('PATIENT_SIGN_IN', 'PASSWORD_RESET')),
    contact_system   text        CHECK (contact_system IN ('PHONE', 'EMAIL')),
    contact_value    text,
    staff_id         uuid        REFERENCES staff_user,
    code_hash        char(64), -- the 6-digit code texted instead of a link
    code_attempts    int         NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    consumed_at      timestamptz,
    CHECK ((purpose = 'PATIENT_SIGN_IN') = (contact_value IS NOT NULL)),
    CHECK ((purpose = 'PASSWORD_RESET') = (staff_id IS NOT NULL))
);

CREATE INDEX sign_in_link_expiry ON sign_in_link (expires_at);

-- Failed sign-ins per account key (a hash of the e-mail address, whether or not such staff exists, so the
-- throttle itself reveals nothing): progressive delay, then a temporary lockout.
CREATE TABLE sign_in_throttle (
    key_hash        char(64)    PRIMARY KEY,
    failures        int         NOT NULL,
    last_failure_at timestamptz NOT NULL,
    locked_until    timestamptz
);

-- Token buckets (Bucket4j) for sign-in link requests per contact and per client address.
CREATE TABLE sign_in_rate_bucket (
    id         text   PRIMARY KEY,
    state      bytea,
    expires_at bigint
);

-- Spring Session JDBC, as its schema-postgresql.sql has it. PRINCIPAL_NAME is "<type>:<practice>:<id>", which
-- lets "sign out everywhere" find a user's sessions and lets the reaper audit an expiry in the right practice.
CREATE TABLE spring_session (
    primary_id            char(36)     NOT NULL,
    session_id            char(36)     NOT NULL,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval int          NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
