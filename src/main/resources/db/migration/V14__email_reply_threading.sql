-- E-mail reply threading (issue 5): an e-mail reply from a conversation carries a Message-ID of ours, names the
-- patient's message in In-Reply-To and References (RFC 5322 §3.6.4), and has a reply address with an opaque token,
-- so that the patient's mail app threads it and the patient's answer finds its way back to the conversation.
-- No new tables: the columns join tables that row-level security already covers (V7, V11).

-- Outbound: the Message-ID each e-mail is given (<delivery id@sender domain>: no PHI), looked up when an answer
-- names it; the patient's ids it answers (sealed: they come from the patient's mail); its reply address.
ALTER TABLE delivery ADD COLUMN email_message_id text, ADD COLUMN in_reply_to text,
    ADD COLUMN email_references text, ADD COLUMN reply_to text;
CREATE UNIQUE INDEX delivery_by_email_message_id ON delivery (email_message_id) WHERE email_message_id IS NOT NULL;

-- Inbound: the e-mail's own Message-ID and the ids it answers (all sealed), and the reply tokens found in the
-- addresses it was sent to (opaque, no PHI).
ALTER TABLE inbound_message ADD COLUMN email_message_id text, ADD COLUMN in_reply_to text,
    ADD COLUMN email_references text, ADD COLUMN reply_tokens text[];

-- The token a conversation's e-mail replies carry in their reply address: random, never a row id, made with the
-- first e-mail reply and kept for the next ones.
ALTER TABLE conversation ADD COLUMN reply_token text;
CREATE UNIQUE INDEX conversation_by_reply_token ON conversation (reply_token) WHERE reply_token IS NOT NULL;
