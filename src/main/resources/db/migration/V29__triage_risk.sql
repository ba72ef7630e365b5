-- Staff teach crisis and urgent as well as the category: null when a correction judged the category only.
ALTER TABLE triage_correction
    ADD COLUMN crisis boolean,
    ADD COLUMN urgent boolean,
    ADD CONSTRAINT triage_correction_crisis_is_urgent CHECK (crisis IS NOT TRUE OR urgent IS TRUE),
    ADD CONSTRAINT triage_correction_flags_together CHECK ((crisis IS NULL) = (urgent IS NULL));

-- What triage made of an inbound message besides its flags: the two-tier risk and the language it is written in
-- (ISO 639-1, 'und' when too short to tell). Neither is PHI.
ALTER TABLE inbox_message
    ADD COLUMN risk     text CHECK (risk IN ('NONE', 'POSSIBLE', 'CRISIS')),
    ADD COLUMN language text CHECK (language ~ '^[a-z]{2,3}$');
