-- Physician panels (module practice): a Doctor is linked to the provider they are, and sees clinical content
-- only for that provider's patients unless a Clinic Admin widens their access to the whole practice.
ALTER TABLE staff_user ADD COLUMN provider_id uuid;
ALTER TABLE staff_user ADD COLUMN clinical_scope text NOT NULL DEFAULT 'PANEL'
    CHECK (clinical_scope IN ('PANEL', 'PRACTICE'));
ALTER TABLE staff_user ADD FOREIGN KEY (practice_id, provider_id) REFERENCES provider (practice_id, id);
