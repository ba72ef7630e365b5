-- The append-only, hash-chained audit log (module audit). One chain per practice, ordered by chain_seq.
CREATE TABLE audit_event (
    id          uuid        PRIMARY KEY,
    practice_id uuid        NOT NULL,
    chain_seq   bigint      NOT NULL CHECK (chain_seq > 0),
    occurred_at timestamptz NOT NULL,
    actor_type  text        NOT NULL CHECK (actor_type IN ('STAFF', 'PATIENT', 'SYSTEM', 'API_TOKEN')),
    actor_id    text        NOT NULL,
    action      text        NOT NULL,
    target_type text,
    target_id   text,
    payload     jsonb       NOT NULL DEFAULT '{}',
    prev_hash   char(64)    NOT NULL,
    hash        char(64)    NOT NULL,
    UNIQUE (practice_id, chain_seq)
);

CREATE INDEX audit_event_by_target ON audit_event (practice_id, target_type, target_id);
CREATE INDEX audit_event_by_time ON audit_event (practice_id, occurred_at);

-- The head of a practice's chain, for the next append: takes the chain's lock (held until commit, so appends
-- to one chain are one line), then reads the newest event. In READ COMMITTED each statement of a plpgsql
-- function takes a fresh snapshot, so the read sees every append committed before the lock was granted; one
-- round trip instead of two.
CREATE FUNCTION audit_chain_head(p_practice uuid, OUT last_seq bigint, OUT last_hash text)
    LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_practice::text, 0));
    SELECT e.chain_seq, e.hash INTO last_seq, last_hash
    FROM audit_event e
    WHERE e.practice_id = p_practice
    ORDER BY e.chain_seq DESC
    LIMIT 1;
END
$$;

-- Append-only in the database itself, whatever role connects: rows can be inserted and read, never changed.
CREATE FUNCTION audit_event_reject_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % rejected', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_reject_change();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_reject_change();
