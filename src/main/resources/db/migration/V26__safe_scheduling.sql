-- Issue 13, safe scheduling. A check-in or no-show can be undone the same day: the status it replaced and when.
-- A cancellation keeps its reason, for the cancellation figures (null: not given, as for one made through the API).
ALTER TABLE appointment
    ADD COLUMN previous_status   text CHECK (previous_status IN ('BOOKED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED',
                                                                 'CANCELLED', 'NO_SHOW')),
    ADD COLUMN status_changed_at timestamptz,
    ADD COLUMN cancel_reason     text CHECK (cancel_reason IN ('PATIENT_REQUEST', 'PROVIDER_UNAVAILABLE',
                                                               'PRACTICE_CLOSED', 'BOOKED_IN_ERROR', 'OTHER'));
