-- Scheduling (issue 6): when providers work, what can be booked with whom, and a database guarantee that a provider
-- is never booked twice at once.

-- btree_gist lets one exclusion constraint compare a provider id (equality) and a time range (overlap). It is a
-- trusted extension: the database's owner may create it, no superuser needed (PostgreSQL 13+, Aurora included).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A provider's weekly template: on an ISO weekday (Monday 1 … Sunday 7) they work at a location between two
-- local times, in the location's time zone. A day may have several rows (a morning and an afternoon); valid_from
-- and valid_until bound a template that starts or ends (a new rota from March).
CREATE TABLE provider_schedule (
    id          uuid        PRIMARY KEY,
    practice_id uuid        NOT NULL,
    provider_id uuid        NOT NULL,
    location_id uuid        NOT NULL,
    weekday     smallint    NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts_at   time        NOT NULL,
    ends_at     time        NOT NULL,
    valid_from  date,
    valid_until date,
    created_at  timestamptz NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_until >= valid_from),
    FOREIGN KEY (provider_id, location_id) REFERENCES provider_location ON DELETE CASCADE,
    FOREIGN KEY (practice_id, provider_id) REFERENCES provider (practice_id, id) ON DELETE CASCADE
);
CREATE INDEX provider_schedule_by_provider ON provider_schedule (practice_id, provider_id);

-- One date that does not follow the template at a location: other hours (rows with times, replacing the
-- template's for that date there), or none at all (one row without times).
CREATE TABLE provider_schedule_exception (
    id          uuid        PRIMARY KEY,
    practice_id uuid        NOT NULL,
    provider_id uuid        NOT NULL,
    location_id uuid        NOT NULL,
    on_date     date        NOT NULL,
    starts_at   time,
    ends_at     time,
    created_at  timestamptz NOT NULL,
    CHECK ((starts_at IS NULL) = (ends_at IS NULL)),
    CHECK (ends_at > starts_at),
    FOREIGN KEY (provider_id, location_id) REFERENCES provider_location ON DELETE CASCADE,
    FOREIGN KEY (practice_id, provider_id) REFERENCES provider (practice_id, id) ON DELETE CASCADE
);
CREATE INDEX provider_schedule_exception_by_date ON provider_schedule_exception (practice_id, provider_id, on_date);

-- Time off: a provider is away for a period (a holiday, a conference, an afternoon), wherever they would work.
CREATE TABLE provider_time_off (
    id          uuid        PRIMARY KEY,
    practice_id uuid        NOT NULL,
    provider_id uuid        NOT NULL,
    period      tstzrange   NOT NULL CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
    reason      text,
    created_at  timestamptz NOT NULL,
    FOREIGN KEY (practice_id, provider_id) REFERENCES provider (practice_id, id) ON DELETE CASCADE
);
CREATE INDEX provider_time_off_by_period ON provider_time_off USING gist (practice_id, provider_id, period);

-- After a visit of this type the provider needs a few minutes (notes, cleaning the room) before the next one.
ALTER TABLE appointment_type ADD COLUMN buffer_minutes integer NOT NULL DEFAULT 0
    CHECK (buffer_minutes BETWEEN 0 AND 120);

-- Which providers offer a type. A type without rows is offered by every provider (as before this table).
CREATE TABLE appointment_type_provider (
    practice_id         uuid NOT NULL,
    appointment_type_id uuid NOT NULL,
    provider_id         uuid NOT NULL,
    PRIMARY KEY (appointment_type_id, provider_id),
    FOREIGN KEY (practice_id, appointment_type_id) REFERENCES appointment_type (practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, provider_id) REFERENCES provider (practice_id, id) ON DELETE CASCADE
);

-- Rooms for in-person visits at a location: at most this many at once. NULL: not limited.
ALTER TABLE location ADD COLUMN rooms integer CHECK (rooms > 0);

-- The provider is busy from the start of a visit to its end plus the type's buffer.
ALTER TABLE appointment ADD COLUMN busy_until timestamptz;
UPDATE appointment SET busy_until = ends_at;
ALTER TABLE appointment ALTER COLUMN busy_until SET NOT NULL;
ALTER TABLE appointment ADD CHECK (busy_until >= ends_at);

-- No double booking, whatever the code does and however many nodes book at once: two live appointments of one
-- provider never overlap (a cancelled visit or a no-show no longer holds its time).
ALTER TABLE appointment ADD CONSTRAINT appointment_provider_not_double_booked
    EXCLUDE USING gist (provider_id WITH =, tstzrange(starts_at, busy_until) WITH &&)
    WHERE (status IN ('BOOKED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED'));
