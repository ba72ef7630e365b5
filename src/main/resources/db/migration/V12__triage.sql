-- Triage (module inbox): staff recategorizations, which retrain the practice's model, and the generation of each
-- practice's model, which every node compares with its own to know when to retrain.

-- A correction keeps the message text (PHI) it was made on: the model learns from the words.
CREATE TABLE triage_correction (
    id               uuid        PRIMARY KEY,
    practice_id      uuid        NOT NULL REFERENCES practice,
    body             text        NOT NULL,
    category         text        NOT NULL CHECK (category IN ('APPOINTMENT', 'REFILL', 'BILLING', 'RESULTS',
                                                              'CLINICAL', 'ADMIN', 'OTHER')),
    recorded_at      timestamptz NOT NULL,
    recorded_by_type text        NOT NULL,
    recorded_by_id   text        NOT NULL
);

CREATE INDEX triage_correction_by_practice ON triage_correction (practice_id, recorded_at);

-- Row-level security as on the other PHI tables (V7): a signed-in caller's transaction sees its practice only.
ALTER TABLE triage_correction ENABLE ROW LEVEL SECURITY;
CREATE POLICY practice_scope ON triage_correction USING (carerelay_practice_scope() IS NULL
                                                         OR practice_id = carerelay_practice_scope());

-- Ids and counts only.
CREATE TABLE triage_model (
    practice_id uuid        PRIMARY KEY REFERENCES practice,
    generation  bigint      NOT NULL,
    trained_at  timestamptz NOT NULL,
    corrections integer     NOT NULL
);
