-- An API token acts for a person: the staff member who minted it, whose current role and panel bind it (issue 15).
-- Tokens minted by CareRelay itself (a practice's first token, the demo admin token) act for nobody: they are
-- integrations with the explicit scope of their role.
ALTER TABLE api_token ADD COLUMN acts_for_staff_id uuid;
ALTER TABLE api_token ADD FOREIGN KEY (practice_id, acts_for_staff_id) REFERENCES staff_user (practice_id, id);

UPDATE api_token SET acts_for_staff_id = created_by_id::uuid WHERE created_by_type = 'STAFF';

-- A token minted by another token acts for whomever that one acted for.
UPDATE api_token child SET acts_for_staff_id = parent.acts_for_staff_id
FROM api_token parent
WHERE child.created_by_type = 'API_TOKEN' AND child.created_by_id = parent.id::text
  AND parent.acts_for_staff_id IS NOT NULL;
