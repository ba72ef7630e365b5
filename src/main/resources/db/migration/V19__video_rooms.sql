-- Video visits (issue 6): one vendor room per video appointment, never reused. A moved visit gets a new room and
-- the old one is deleted at the vendor; every room is deleted after its visit. The URLs admit whoever holds them,
-- so they are sealed (crypto module) like message bodies.
CREATE TABLE video_room (
    id             uuid        PRIMARY KEY,
    practice_id    uuid        NOT NULL REFERENCES practice,
    appointment_id uuid        NOT NULL REFERENCES appointment ON DELETE CASCADE,
    vendor         text        NOT NULL CHECK (vendor IN ('whereby', 'local')),
    meeting_id     text        NOT NULL,
    room_url       text        NOT NULL, -- sealed: the patient's link
    host_room_url  text        NOT NULL, -- sealed: the provider's link
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL, -- the vendor's end date: the visit's end and some time to run over
    created_at     timestamptz NOT NULL,
    deleted_at     timestamptz
);
-- At most one live room per appointment.
CREATE UNIQUE INDEX video_room_live ON video_room (appointment_id) WHERE deleted_at IS NULL;

ALTER TABLE video_room ENABLE ROW LEVEL SECURITY;
CREATE POLICY practice_scope ON video_room USING (carerelay_practice_scope() IS NULL
    OR practice_id = carerelay_practice_scope());
