-- The practice registry (module practice). Every row carries practice_id; every query is scoped by it.
CREATE TABLE practice (
    id                    uuid        PRIMARY KEY,
    name                  text        NOT NULL,
    brand_name            text        NOT NULL,
    address_line1         text        NOT NULL,
    address_line2         text,
    city                  text        NOT NULL,
    region                text        NOT NULL,
    postal_code           text        NOT NULL,
    country               char(2)     NOT NULL,
    default_language      text        NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);

CREATE TABLE location (
    id             uuid        PRIMARY KEY,
    practice_id    uuid        NOT NULL REFERENCES practice,
    name           text        NOT NULL,
    address_line1  text        NOT NULL,
    address_line2  text,
    city           text        NOT NULL,
    region         text        NOT NULL,
    postal_code    text        NOT NULL,
    country        char(2)     NOT NULL,
    phone          text,
    time_zone      text        NOT NULL,
    business_hours jsonb       NOT NULL DEFAULT '[]',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    UNIQUE (practice_id, id)
);

CREATE TABLE provider (
    id          uuid        PRIMARY KEY,
    practice_id uuid        NOT NULL REFERENCES practice,
    given_name  text        NOT NULL,
    family_name text        NOT NULL,
    credentials text,
    npi         char(10),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (practice_id, id),
    UNIQUE (practice_id, npi)
);

CREATE TABLE provider_location (
    practice_id uuid NOT NULL,
    provider_id uuid NOT NULL,
    location_id uuid NOT NULL,
    PRIMARY KEY (provider_id, location_id),
    FOREIGN KEY (practice_id, provider_id) REFERENCES provider (practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, location_id) REFERENCES location (practice_id, id)
);

CREATE TABLE staff_user (
    id          uuid        PRIMARY KEY,
    practice_id uuid        NOT NULL REFERENCES practice,
    given_name  text        NOT NULL,
    family_name text        NOT NULL,
    email       text        NOT NULL,
    role        text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (practice_id, id),
    UNIQUE (practice_id, email)
);

CREATE TABLE patient (
    id                 uuid        PRIMARY KEY,
    practice_id        uuid        NOT NULL REFERENCES practice,
    given_name         text        NOT NULL,
    family_name        text        NOT NULL,
    date_of_birth      date        NOT NULL,
    mrn                text        NOT NULL,
    sex                text        NOT NULL CHECK (sex IN ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
    preferred_language text        NOT NULL,
    preferred_channel  text        NOT NULL CHECK (preferred_channel IN ('SMS', 'EMAIL', 'PORTAL')),
    time_zone          text,
    usual_location_id  uuid,
    usual_provider_id  uuid,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    UNIQUE (practice_id, id),
    UNIQUE (practice_id, mrn),
    FOREIGN KEY (practice_id, usual_location_id) REFERENCES location (practice_id, id),
    FOREIGN KEY (practice_id, usual_provider_id) REFERENCES provider (practice_id, id)
);

CREATE INDEX patient_by_name ON patient (practice_id, family_name, given_name);

CREATE TABLE contact_point (
    id          uuid        PRIMARY KEY,
    practice_id uuid        NOT NULL,
    patient_id  uuid        NOT NULL,
    system      text        NOT NULL CHECK (system IN ('PHONE', 'EMAIL')),
    value       text        NOT NULL,
    verified    boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (practice_id, id),
    UNIQUE (patient_id, system, value),
    FOREIGN KEY (practice_id, patient_id) REFERENCES patient (practice_id, id)
);

-- Inbound messages are matched to patients by phone number or email address.
CREATE INDEX contact_point_by_value ON contact_point (practice_id, system, value);

-- Every consent decision ever recorded; the current consent is the latest row per contact point and purpose.
CREATE TABLE consent_change (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    practice_id      uuid        NOT NULL,
    contact_point_id uuid        NOT NULL,
    purpose          text        NOT NULL CHECK (purpose IN ('TRANSACTIONAL_SMS', 'MARKETING_SMS', 'EMAIL', 'PHI_OVER_CHANNEL')),
    granted          boolean     NOT NULL,
    source           text        NOT NULL,
    recorded_at      timestamptz NOT NULL,
    recorded_by_type text        NOT NULL,
    recorded_by_id   text        NOT NULL,
    FOREIGN KEY (practice_id, contact_point_id) REFERENCES contact_point (practice_id, id)
);

CREATE INDEX consent_change_latest ON consent_change (contact_point_id, purpose, id DESC);

CREATE TABLE appointment_type (
    id               uuid        PRIMARY KEY,
    practice_id      uuid        NOT NULL REFERENCES practice,
    name             text        NOT NULL,
    duration_minutes integer     NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
    modality         text        NOT NULL CHECK (modality IN ('IN_PERSON', 'VIDEO')),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    UNIQUE (practice_id, id)
);

CREATE TABLE appointment (
    id                  uuid        PRIMARY KEY,
    practice_id         uuid        NOT NULL,
    patient_id          uuid        NOT NULL,
    provider_id         uuid        NOT NULL,
    location_id         uuid        NOT NULL,
    appointment_type_id uuid        NOT NULL,
    starts_at           timestamptz NOT NULL,
    ends_at             timestamptz NOT NULL,
    status              text        NOT NULL CHECK (status IN ('BOOKED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CHECK (ends_at > starts_at),
    FOREIGN KEY (practice_id, patient_id) REFERENCES patient (practice_id, id),
    FOREIGN KEY (practice_id, provider_id) REFERENCES provider (practice_id, id),
    FOREIGN KEY (practice_id, location_id) REFERENCES location (practice_id, id),
    FOREIGN KEY (practice_id, appointment_type_id) REFERENCES appointment_type (practice_id, id)
);

CREATE INDEX appointment_by_start ON appointment (practice_id, starts_at);
CREATE INDEX appointment_by_patient ON appointment (practice_id, patient_id, starts_at);
CREATE INDEX appointment_by_provider ON appointment (practice_id, provider_id, starts_at);
