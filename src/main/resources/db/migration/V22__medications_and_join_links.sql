-- A patient's current medications (issue 6: the portal's refill requests pick one). Names and doses are PHI:
-- sealed (crypto module) for their row, like message bodies.
CREATE TABLE patient_medication (
    id           uuid        PRIMARY KEY,
    practice_id  uuid        NOT NULL REFERENCES practice,
    patient_id   uuid        NOT NULL,
    name         text        NOT NULL, -- sealed
    dosage       text,                 -- sealed
    prescriber_id uuid,
    active       boolean     NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    FOREIGN KEY (practice_id, patient_id) REFERENCES patient (practice_id, id),
    FOREIGN KEY (practice_id, prescriber_id) REFERENCES provider (practice_id, id)
);
CREATE INDEX patient_medication_by_patient ON patient_medication (practice_id, patient_id) WHERE active;

ALTER TABLE patient_medication ENABLE ROW LEVEL SECURITY;
CREATE POLICY practice_scope ON patient_medication USING (carerelay_practice_scope() IS NULL
    OR practice_id = carerelay_practice_scope());

-- A video visit's short reminder carries a link into the portal's visit page: one more purpose of a link.
ALTER TABLE appointment_link DROP CONSTRAINT appointment_link_purpose_check;
ALTER TABLE appointment_link ADD CONSTRAINT appointment_link_purpose_check
    CHECK (purpose IN ('CONFIRM', 'CANCEL', 'RESCHEDULE', 'JOIN'));
