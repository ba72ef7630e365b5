-- Forms a patient fills in the portal (issue 6: intake, consent): the answers as a structured document, sealed
-- (crypto module), with the form's key and version so that staff read them against the questions asked.
CREATE TABLE form_response (
    id           uuid        PRIMARY KEY,
    practice_id  uuid        NOT NULL REFERENCES practice,
    patient_id   uuid        NOT NULL,
    form_key     text        NOT NULL,
    form_version integer     NOT NULL,
    language     text        NOT NULL,
    answers      text        NOT NULL, -- sealed JSON object: field name → answer
    submitted_at timestamptz NOT NULL,
    FOREIGN KEY (practice_id, patient_id) REFERENCES patient (practice_id, id)
);
CREATE INDEX form_response_by_patient ON form_response (practice_id, patient_id, submitted_at DESC);

ALTER TABLE form_response ENABLE ROW LEVEL SECURITY;
CREATE POLICY practice_scope ON form_response USING (carerelay_practice_scope() IS NULL
    OR practice_id = carerelay_practice_scope());
