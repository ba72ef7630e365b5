-- Documents (issue 6: the portal's letters, visit summaries and results): the metadata here, the content sealed
-- (crypto module) in the document store (a local directory or an S3 bucket). A document reaches the patient's
-- portal only once released; downloads go through short-lived links whose tokens are kept only as hashes.
CREATE TABLE document (
    id           uuid        PRIMARY KEY,
    practice_id  uuid        NOT NULL REFERENCES practice,
    patient_id   uuid        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('LETTER', 'VISIT_SUMMARY', 'RESULT', 'OTHER')),
    title        text        NOT NULL, -- sealed
    filename     text        NOT NULL, -- sealed
    content_type text        NOT NULL,
    size_bytes   bigint      NOT NULL,
    storage_key  text        NOT NULL, -- where the sealed content is: names nothing but the document
    released_at  timestamptz,
    created_at   timestamptz NOT NULL,
    FOREIGN KEY (practice_id, patient_id) REFERENCES patient (practice_id, id)
);
CREATE INDEX document_by_patient ON document (practice_id, patient_id, created_at DESC);

CREATE TABLE document_link (
    token_hash  bytea       PRIMARY KEY,
    practice_id uuid        NOT NULL REFERENCES practice,
    document_id uuid        NOT NULL REFERENCES document ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL
);

DO
$$
DECLARE
    phi_table text;
BEGIN
    FOREACH phi_table IN ARRAY ARRAY['document', 'document_link']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', phi_table);
        EXECUTE format('CREATE POLICY practice_scope ON %I USING (carerelay_practice_scope() IS NULL '
                       'OR practice_id = carerelay_practice_scope())', phi_table);
    END LOOP;
END
$$;
