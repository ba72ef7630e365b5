-- Reminders (issue 6): durable timers and the one-tap links they carry.

-- db-scheduler's table (its PostgreSQL schema, version 16): one row per pending timer. A reminder is the row
-- (appointment-reminder, '<appointment id>/<kind>'); a node picks it with a version check, so two nodes never run
-- one reminder, and a node that dies while running one leaves it to be picked again after its heartbeat stops.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time);

-- A link a reminder carries: confirm, cancel or reschedule one appointment, or claim a freed slot. Only a hash of
-- the token is kept, so the table cannot be used to act for anyone; the link names no appointment or patient.
CREATE TABLE appointment_link (
    token_hash     bytea       PRIMARY KEY,
    practice_id    uuid        NOT NULL REFERENCES practice,
    appointment_id uuid        NOT NULL REFERENCES appointment ON DELETE CASCADE,
    purpose        text        NOT NULL CHECK (purpose IN ('CONFIRM', 'CANCEL', 'RESCHEDULE')),
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    created_at     timestamptz NOT NULL
);
CREATE INDEX appointment_link_by_appointment ON appointment_link (appointment_id);
CREATE INDEX appointment_link_expired ON appointment_link (expires_at);

-- A patient's text answering a reminder ("C" confirms, "X" cancels), acted on once: a second filing of the same
-- text finds its row and does not cancel the patient's next visit too.
CREATE TABLE appointment_text_reply (
    inbound_message_id uuid        PRIMARY KEY REFERENCES inbound_message,
    practice_id        uuid        NOT NULL REFERENCES practice,
    appointment_id     uuid        NOT NULL REFERENCES appointment ON DELETE CASCADE,
    outcome            text        NOT NULL,
    created_at         timestamptz NOT NULL
);

DO
$$
DECLARE
    phi_table text;
BEGIN
    FOREACH phi_table IN ARRAY ARRAY['appointment_link', 'appointment_text_reply']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', phi_table);
        EXECUTE format('CREATE POLICY practice_scope ON %I USING (carerelay_practice_scope() IS NULL '
                       'OR practice_id = carerelay_practice_scope())', phi_table);
    END LOOP;
END
$$;
