-- Issue 14, the inbox's side of the risk tiers.

-- The layers that raised each flag of an inbound message and the patient's words they read, for the console to
-- show and highlight: sealed (crypto module), like the reasons, since they quote the patient.
ALTER TABLE inbox_message ADD COLUMN signals text;

-- A conversation a possible-crisis message reached while it was neither urgent nor crisis. possible_crisis stays
-- until a clinician judges the conversation (every clinician may read it meanwhile, as an urgent one); the mark
-- (possible_crisis_since) stays until a member of staff who may read it opens it, acknowledges it or judges it,
-- and sorts the conversation first for clinical readers. possible_crisis_page_at is when on call is paged if the
-- mark is still there: null once paged, or once the mark is gone.
ALTER TABLE conversation
    ADD COLUMN possible_crisis         boolean NOT NULL DEFAULT false,
    ADD COLUMN possible_crisis_since   timestamptz,
    ADD COLUMN possible_crisis_page_at timestamptz,
    ADD CONSTRAINT conversation_possible_crisis_marked CHECK (possible_crisis_since IS NULL OR possible_crisis),
    ADD CONSTRAINT conversation_possible_crisis_page CHECK (possible_crisis_page_at IS NULL
        OR possible_crisis_since IS NOT NULL);

-- The pager's round: the few marks whose time has come, found without reading the conversations.
CREATE INDEX conversation_possible_crisis_page ON conversation (possible_crisis_page_at)
    WHERE possible_crisis_page_at IS NOT NULL;

-- A clinical reader's first page of open conversations: the marked ones first, then the most recently active, in
-- index order, so that the pin costs no sort of every open conversation (V15 explains the literals).
CREATE INDEX conversation_open_marked_first ON conversation (practice_id, (possible_crisis_since IS NULL),
                                                              last_message_at DESC, id)
    WHERE status = 'OPEN';

-- A page for a possible crisis nobody opened in time. It stops when the mark goes (opened, acknowledged, judged),
-- unless an urgent or crisis message joined meanwhile: then it is that message's page and needs acknowledging.
ALTER TABLE escalation ADD COLUMN possible_crisis boolean NOT NULL DEFAULT false;
