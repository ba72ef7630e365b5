-- A contact point a patient adds in the portal is verified by a code sent to it (issue 6): only a hash of the
-- code is kept, it expires after 15 minutes, and five wrong tries end it.
CREATE TABLE contact_verification (
    id               uuid        PRIMARY KEY,
    practice_id      uuid        NOT NULL REFERENCES practice,
    patient_id       uuid        NOT NULL,
    contact_point_id uuid        NOT NULL REFERENCES contact_point ON DELETE CASCADE,
    code_hash        text        NOT NULL, -- SHA-256, hex
    expires_at       timestamptz NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    verified_at      timestamptz,
    created_at       timestamptz NOT NULL,
    FOREIGN KEY (practice_id, patient_id) REFERENCES patient (practice_id, id)
);
CREATE INDEX contact_verification_by_patient ON contact_verification (practice_id, patient_id);

ALTER TABLE contact_verification ENABLE ROW LEVEL SECURITY;
CREATE POLICY practice_scope ON contact_verification USING (carerelay_practice_scope() IS NULL
    OR practice_id = carerelay_practice_scope());
