-- Spring Modulith's event publication registry (its v2 schema): a domain event one module publishes is stored in
-- the publishing transaction and completed once the listening module has handled it, so a node that dies in
-- between loses nothing (ARCHITECTURE.md, "durable work lives in PostgreSQL").
CREATE TABLE event_publication (
    id                     uuid        NOT NULL PRIMARY KEY,
    listener_id            text        NOT NULL,
    event_type             text        NOT NULL,
    serialized_event       text        NOT NULL,
    publication_date       timestamptz NOT NULL,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

-- The unified inbox. A conversation is one patient's exchange on one topic, across channels; a message that
-- matches no patient, or several (a family phone), waits in a conversation without a patient ("needs matching").
CREATE TABLE conversation (
    id                uuid        PRIMARY KEY,
    practice_id       uuid        NOT NULL REFERENCES practice,
    patient_id        uuid        REFERENCES patient,
    sender            text        NOT NULL, -- the address of the first inbound message: E.164 or lower-case email
    channel           text        NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'VOICE', 'PORTAL')),
    location_id       uuid        REFERENCES location,
    category          text        NOT NULL CHECK (category IN ('APPOINTMENT', 'REFILL', 'BILLING', 'RESULTS',
                                                               'CLINICAL', 'ADMIN', 'OTHER')),
    urgent            boolean     NOT NULL,
    crisis            boolean     NOT NULL,
    queue             text        NOT NULL CHECK (queue IN ('FRONT_DESK', 'CLINICAL', 'ON_CALL')),
    status            text        NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    assigned_to       uuid        REFERENCES staff_user,
    -- The reply clock of the oldest inbound message not yet answered; all three null while nothing awaits a reply.
    sla_started_at    timestamptz,
    sla_warn_at       timestamptz, -- 80 % of the allowed business time has passed
    sla_due_at        timestamptz,
    first_response_at timestamptz,
    resolved_at       timestamptz,
    last_message_at   timestamptz NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX conversation_by_activity ON conversation (practice_id, last_message_at DESC, id);
CREATE INDEX conversation_open_by_patient ON conversation (practice_id, patient_id, last_message_at DESC)
    WHERE status = 'OPEN';
CREATE INDEX conversation_open_by_queue ON conversation (practice_id, queue, last_message_at DESC, id)
    WHERE status = 'OPEN';
CREATE INDEX conversation_needs_matching ON conversation (practice_id, last_message_at DESC, id)
    WHERE patient_id IS NULL;

CREATE TABLE inbox_message (
    id                 uuid        PRIMARY KEY,
    practice_id        uuid        NOT NULL REFERENCES practice,
    conversation_id    uuid        NOT NULL REFERENCES conversation,
    direction          text        NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    channel            text        NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'VOICE', 'PORTAL', 'IN_APP')),
    sender             text,                -- inbound: the address it came from
    body               text        NOT NULL, -- sealed (crypto module)
    inbound_message_id uuid        UNIQUE REFERENCES inbound_message, -- the raw original; handled once
    message_id         uuid        REFERENCES message,                -- outbound: the hub's message
    staff_id           uuid        REFERENCES staff_user,             -- outbound: who replied
    category           text,
    urgent             boolean,
    crisis             boolean,
    confidence         real,
    reasons            text,                -- sealed: the phrases that decided the triage
    created_at         timestamptz NOT NULL
);
CREATE INDEX inbox_message_by_conversation ON inbox_message (conversation_id, created_at, id);

DO
$$
DECLARE
    phi_table text;
BEGIN
    FOREACH phi_table IN ARRAY ARRAY['conversation', 'inbox_message']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', phi_table);
        EXECUTE format('CREATE POLICY practice_scope ON %I USING (carerelay_practice_scope() IS NULL '
                       'OR practice_id = carerelay_practice_scope())', phi_table);
    END LOOP;
END
$$;

-- After hours, one automatic answer per conversation per night (emergency instructions: 911, 988).
ALTER TABLE conversation ADD COLUMN after_hours_reply_at timestamptz;

-- Who carries the on-call phone when. Urgent and crisis messages page the phone of the shift that covers the
-- moment (or the practice's on-call number, a setting) until someone acknowledges them in the console.
CREATE TABLE on_call_shift (
    id         uuid        PRIMARY KEY,
    practice_id uuid       NOT NULL REFERENCES practice,
    staff_id   uuid        NOT NULL REFERENCES staff_user,
    phone      text        NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX on_call_shift_by_time ON on_call_shift (practice_id, starts_at);

CREATE TABLE escalation (
    id              uuid        PRIMARY KEY,
    practice_id     uuid        NOT NULL REFERENCES practice,
    conversation_id uuid        NOT NULL REFERENCES conversation,
    crisis          boolean     NOT NULL,
    started_at      timestamptz NOT NULL,
    alerts_sent     int         NOT NULL DEFAULT 0,
    next_alert_at   timestamptz NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by uuid        REFERENCES staff_user
);
CREATE UNIQUE INDEX escalation_open ON escalation (conversation_id) WHERE acknowledged_at IS NULL;
CREATE INDEX escalation_due ON escalation (next_alert_at) WHERE acknowledged_at IS NULL;

-- Reply clocks that ran out: one row per clock, so each breach is noticed (and supervisors told) once.
CREATE TABLE sla_breach (
    conversation_id uuid        NOT NULL REFERENCES conversation,
    due_at          timestamptz NOT NULL,
    practice_id     uuid        NOT NULL REFERENCES practice,
    noticed_at      timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, due_at)
);
CREATE INDEX sla_breach_by_time ON sla_breach (practice_id, due_at);
CREATE INDEX conversation_sla_due ON conversation (sla_due_at) WHERE sla_due_at IS NOT NULL;

-- Inbound e-mail: its subject, what the sender wrote this time (without the quoted history) and the whole MIME
-- source, all sealed (crypto module); its attachments, sealed, each up to 25 MB (a larger one is named, not kept).
ALTER TABLE inbound_message ADD COLUMN subject text, ADD COLUMN reply text, ADD COLUMN raw text;

CREATE TABLE inbound_attachment (
    id                 uuid        PRIMARY KEY,
    practice_id        uuid        NOT NULL REFERENCES practice,
    inbound_message_id uuid        NOT NULL REFERENCES inbound_message,
    filename           text        NOT NULL, -- sealed
    content_type       text        NOT NULL,
    size_bytes         bigint      NOT NULL,
    content            text,                 -- sealed base64; null when refused
    refused_reason     text,
    created_at         timestamptz NOT NULL
);
CREATE INDEX inbound_attachment_by_message ON inbound_attachment (inbound_message_id);
ALTER TABLE inbound_attachment ENABLE ROW LEVEL SECURITY;
CREATE POLICY practice_scope ON inbound_attachment USING (carerelay_practice_scope() IS NULL
    OR practice_id = carerelay_practice_scope());

-- Voicemail: the recording stays at the provider (Twilio), played to staff through CareRelay; the transcription
-- becomes the message's text when it arrives.
ALTER TABLE inbound_message ADD COLUMN recording_url text, ADD COLUMN recording_seconds int,
    ADD COLUMN transcribed boolean;

-- A conversation merged into another keeps its row (resolved, pointing to where its messages went).
ALTER TABLE conversation ADD COLUMN merged_into uuid REFERENCES conversation;
