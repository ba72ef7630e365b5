-- Runtime settings per practice (module settings). A missing row means "use the deployed fallback".
CREATE TABLE setting (
    practice_id     uuid        NOT NULL REFERENCES practice,
    key             text        NOT NULL,
    value           text        NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by_type text        NOT NULL,
    updated_by_id   text        NOT NULL,
    PRIMARY KEY (practice_id, key)
);
