-- Filing a message from an address no patient holds (or several do) joins that sender's open unmatched
-- conversation. Without this index the lookup walks every unmatched conversation of the practice and filters on the
-- sender; with it, it reads the one or two it needs.
CREATE INDEX conversation_open_unmatched_by_sender ON conversation (practice_id, sender, last_message_at DESC)
    WHERE status = 'OPEN' AND patient_id IS NULL;
