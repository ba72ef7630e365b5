-- The messaging hub (module messaging): versioned templates, messages, their deliveries and timelines.

-- A practice's own versions of a template; version 0 is the default shipped with CareRelay (not stored).
CREATE TABLE message_template (
    id              uuid        PRIMARY KEY,
    practice_id     uuid        NOT NULL REFERENCES practice,
    key             text        NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    language        text        NOT NULL,
    version         integer     NOT NULL CHECK (version > 0),
    email_subject   text,
    email_text      text,
    email_html      text,
    sms_text        text,
    in_app_title    text,
    in_app_body     text,
    phi_allowed     boolean     NOT NULL,
    created_at      timestamptz NOT NULL,
    created_by_type text        NOT NULL,
    created_by_id   text        NOT NULL,
    UNIQUE (practice_id, key, language, version)
);

CREATE TABLE message (
    id                uuid        PRIMARY KEY,
    practice_id       uuid        NOT NULL REFERENCES practice,
    patient_id        uuid,       -- null for a reply to a number no patient has (a STOP from a stranger)
    template_key      text        NOT NULL,
    template_language text        NOT NULL,
    template_version  integer     NOT NULL,
    purpose           text        NOT NULL CHECK (purpose IN ('TRANSACTIONAL', 'CARE', 'SECURITY', 'MARKETING')),
    requested_channel text        NOT NULL CHECK (requested_channel IN ('EMAIL', 'SMS', 'IN_APP', 'PREFERRED')),
    idempotency_key   text,
    not_before        timestamptz,
    created_at        timestamptz NOT NULL,
    created_by_type   text        NOT NULL,
    created_by_id     text        NOT NULL,
    UNIQUE (practice_id, idempotency_key),
    FOREIGN KEY (practice_id, patient_id) REFERENCES patient (practice_id, id)
);

CREATE INDEX message_by_patient ON message (practice_id, patient_id, created_at DESC);

CREATE TABLE delivery (
    id                  uuid        PRIMARY KEY,
    practice_id         uuid        NOT NULL,
    message_id          uuid        NOT NULL REFERENCES message,
    channel             text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'IN_APP')),
    recipient           text        NOT NULL, -- E.164 number, email address, or the patient id for in-app
    contact_point_id    uuid,
    time_zone           text,     -- the recipient's, for quiet hours when a text is retried or waits its turn
    subject             text,
    body_text           text,
    body_html           text,
    sms_segments        integer,
    sms_encoding        text,
    status              text        NOT NULL CHECK (status IN ('QUEUED', 'DEFERRED', 'SENDING', 'SENT', 'DELIVERED',
                                                               'BOUNCED', 'FAILED', 'SUPPRESSED')),
    reason              text,
    decisions           jsonb       NOT NULL DEFAULT '[]',
    -- sent without prior express consent, under the healthcare exemption's limits (1 a day, 3 a week)
    under_exemption     boolean     NOT NULL DEFAULT false,
    due_at              timestamptz NOT NULL,
    attempts            integer     NOT NULL DEFAULT 0,
    claimed_until       timestamptz,
    provider            text,
    provider_message_id text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

CREATE INDEX delivery_by_message ON delivery (message_id);
-- What the dispatch workers claim: due work, and claims whose worker died.
CREATE INDEX delivery_due ON delivery (due_at) WHERE status IN ('QUEUED', 'DEFERRED');
CREATE INDEX delivery_claimed ON delivery (claimed_until) WHERE status = 'SENDING';
-- Delivery receipts name the provider's message id.
CREATE UNIQUE INDEX delivery_by_provider_id ON delivery (provider, provider_message_id)
    WHERE provider_message_id IS NOT NULL;
-- Frequency limits count recent deliveries per recipient.
CREATE INDEX delivery_by_recipient ON delivery (practice_id, recipient, created_at);

CREATE TABLE delivery_event (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    practice_id uuid        NOT NULL,
    delivery_id uuid        NOT NULL REFERENCES delivery,
    status      text        NOT NULL,
    reason      text,
    occurred_at timestamptz NOT NULL
);

CREATE INDEX delivery_event_by_delivery ON delivery_event (delivery_id, id);

-- Addresses nothing but security messages may reach: hard bounces, complaints, carrier opt-outs.
CREATE TABLE suppression (
    practice_id uuid        NOT NULL,
    channel     text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    address     text        NOT NULL,
    reason      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (practice_id, channel, address)
);

-- Inbound texts that are not keywords, kept for the unified inbox.
CREATE TABLE inbound_message (
    id                  uuid        PRIMARY KEY,
    practice_id         uuid        NOT NULL REFERENCES practice,
    channel             text        NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'VOICE', 'PORTAL')),
    sender              text        NOT NULL,
    recipient           text        NOT NULL,
    body                text        NOT NULL,
    provider            text        NOT NULL,
    provider_message_id text,
    received_at         timestamptz NOT NULL,
    keyword             boolean     NOT NULL, -- a STOP/START/HELP, recorded (without its sender) so a retry is ignored
    UNIQUE (provider, provider_message_id)
);

-- Token buckets of the per-sender rate limits, shared by every node (Bucket4j's PostgreSQL proxy manager).
CREATE TABLE rate_bucket (
    id         text   PRIMARY KEY, -- provider:sender, e.g. twilio:+13125550100
    state      bytea,
    expires_at bigint
);

-- A bulk send: one template to many patients, made into messages by the bulk workers item by item.
CREATE TABLE bulk_send (
    id              uuid        PRIMARY KEY,
    practice_id     uuid        NOT NULL REFERENCES practice,
    template_key    text        NOT NULL,
    channel         text        NOT NULL,
    purpose         text        NOT NULL,
    not_before      timestamptz,
    total           integer     NOT NULL,
    created_at      timestamptz NOT NULL,
    created_by_type text        NOT NULL,
    created_by_id   text        NOT NULL
);

CREATE TABLE bulk_send_item (
    bulk_id       uuid        NOT NULL REFERENCES bulk_send,
    position      integer     NOT NULL,
    practice_id   uuid        NOT NULL,
    patient_id    uuid        NOT NULL,
    context       jsonb       NOT NULL,
    status        text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'REFUSED')),
    claimed_until timestamptz,
    message_id    uuid,
    reason        text,
    PRIMARY KEY (bulk_id, position)
);

CREATE INDEX bulk_send_item_pending ON bulk_send_item (bulk_id, position) WHERE status = 'PENDING';
