-- Waitlist (issue 6): patients who want an earlier visit, and the freed slots offered to them. The first patient
-- to claim an offer gets the slot; the others are told it is gone.

-- A patient waiting for a slot of a type, at a location and with a provider (null: any), starting before a time
-- (null: any time). appointment_id is their current visit when they want it earlier: a claim moves it.
CREATE TABLE waitlist_entry (
    id                  uuid        PRIMARY KEY,
    practice_id         uuid        NOT NULL REFERENCES practice,
    patient_id          uuid        NOT NULL,
    appointment_type_id uuid        NOT NULL,
    location_id         uuid,
    provider_id         uuid,
    appointment_id      uuid        REFERENCES appointment ON DELETE SET NULL,
    wanted_before       timestamptz,
    status              text        NOT NULL CHECK (status IN ('WAITING', 'FILLED', 'WITHDRAWN')),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    FOREIGN KEY (practice_id, patient_id) REFERENCES patient (practice_id, id),
    FOREIGN KEY (practice_id, appointment_type_id) REFERENCES appointment_type (practice_id, id),
    FOREIGN KEY (practice_id, provider_id) REFERENCES provider (practice_id, id),
    FOREIGN KEY (practice_id, location_id) REFERENCES location (practice_id, id)
);
-- A visit waits at most once for an earlier slot (a double submit is one entry).
CREATE UNIQUE INDEX waitlist_entry_waiting_visit ON waitlist_entry (appointment_id) WHERE status = 'WAITING';
CREATE INDEX waitlist_entry_waiting ON waitlist_entry (practice_id, appointment_type_id, created_at)
    WHERE status = 'WAITING';

-- A freed slot offered to the first few waiting patients.
CREATE TABLE waitlist_offer (
    id                  uuid        PRIMARY KEY,
    practice_id         uuid        NOT NULL REFERENCES practice,
    appointment_type_id uuid        NOT NULL,
    provider_id         uuid        NOT NULL,
    location_id         uuid        NOT NULL,
    starts_at           timestamptz NOT NULL,
    status              text        NOT NULL CHECK (status IN ('OPEN', 'CLAIMED', 'GONE')),
    claimed_by          uuid        REFERENCES waitlist_entry,
    appointment_id      uuid        REFERENCES appointment ON DELETE SET NULL,
    created_at          timestamptz NOT NULL,
    closed_at           timestamptz,
    FOREIGN KEY (practice_id, appointment_type_id) REFERENCES appointment_type (practice_id, id),
    FOREIGN KEY (practice_id, provider_id) REFERENCES provider (practice_id, id),
    FOREIGN KEY (practice_id, location_id) REFERENCES location (practice_id, id)
);

-- The claim link each offered patient gets: only its hash is kept (like appointment links).
CREATE TABLE waitlist_offer_link (
    token_hash  bytea       PRIMARY KEY,
    practice_id uuid        NOT NULL REFERENCES practice,
    offer_id    uuid        NOT NULL REFERENCES waitlist_offer ON DELETE CASCADE,
    entry_id    uuid        NOT NULL REFERENCES waitlist_entry ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX waitlist_offer_link_by_offer ON waitlist_offer_link (offer_id);

DO
$$
DECLARE
    phi_table text;
BEGIN
    FOREACH phi_table IN ARRAY ARRAY['waitlist_entry', 'waitlist_offer', 'waitlist_offer_link']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', phi_table);
        EXECUTE format('CREATE POLICY practice_scope ON %I USING (carerelay_practice_scope() IS NULL '
                       'OR practice_id = carerelay_practice_scope())', phi_table);
    END LOOP;
END
$$;
