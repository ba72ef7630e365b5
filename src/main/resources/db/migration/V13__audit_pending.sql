-- Audit events written by a transaction, waiting to be chained (module audit). A transaction inserts its events
-- here without any lock, so one practice's transactions commit side by side; the chainer then moves committed
-- events into audit_event in batches, one chain lock and one commit for many transactions' events. Events of a
-- transaction that rolls back never appear here. seq orders one transaction's events.
CREATE TABLE audit_pending (
    seq         bigserial   PRIMARY KEY,
    id          uuid        NOT NULL UNIQUE,
    practice_id uuid        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_type  text        NOT NULL CHECK (actor_type IN ('STAFF', 'PATIENT', 'SYSTEM', 'API_TOKEN')),
    actor_id    text        NOT NULL,
    action      text        NOT NULL,
    target_type text,
    target_id   text,
    payload     jsonb       NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_pending_by_practice ON audit_pending (practice_id, seq);

-- A waiting event is inserted, then deleted as it is chained; it is never changed.
CREATE TRIGGER audit_pending_no_update
    BEFORE UPDATE ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION audit_event_reject_change();
