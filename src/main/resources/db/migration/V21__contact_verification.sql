-- A phone number or e-mail address a patient adds in the portal is proven theirs by a code sent to it (issue 6)
-- before it becomes a contact point: until then it is only here, so nothing else is sent to it and no inbound
-- message matches it. A contact point staff entered unverified is proven the same way (contact_point_id).
-- Only a hash of the code is kept; it expires after 15 minutes, and five wrong tries end it.
CREATE TABLE contact_verification (
    id               uuid        PRIMARY KEY,
    practice_id      uuid        NOT NULL REFERENCES practice,
    patient_id       uuid        NOT NULL,
    contact_point_id uuid        REFERENCES contact_point ON DELETE CASCADE,
    system           text        CHECK (system IN ('PHONE', 'EMAIL')),
    value            text,                 -- the new phone (E.164) or address, when not yet a contact point
    code_hash        text        NOT NULL, -- SHA-256, hex
    expires_at       timestamptz NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    verified_at      timestamptz,
    created_at       timestamptz NOT NULL,
    CHECK ((contact_point_id IS NULL) = (value IS NOT NULL) AND (value IS NULL) = (system IS NULL)),
    FOREIGN KEY (practice_id, patient_id) REFERENCES patient (practice_id, id)
);
CREATE INDEX contact_verification_by_patient ON contact_verification (practice_id, patient_id, created_at);

ALTER TABLE contact_verification ENABLE ROW LEVEL SECURITY;
CREATE POLICY practice_scope ON contact_verification USING (carerelay_practice_scope() IS NULL
    OR practice_id = carerelay_practice_scope());
