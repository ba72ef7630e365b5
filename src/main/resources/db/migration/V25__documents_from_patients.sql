-- A file a patient sends with an e-mail becomes one of their documents (issue 5): kind FROM_PATIENT, for staff, not
-- released to the portal by itself. One document per attachment, however often its message is filed or matched.
ALTER TABLE document DROP CONSTRAINT document_kind_check;
ALTER TABLE document ADD CONSTRAINT document_kind_check
    CHECK (kind IN ('LETTER', 'VISIT_SUMMARY', 'RESULT', 'OTHER', 'FROM_PATIENT'));
ALTER TABLE document ADD COLUMN from_attachment_id uuid;
CREATE UNIQUE INDEX document_by_attachment ON document (from_attachment_id) WHERE from_attachment_id IS NOT NULL;
