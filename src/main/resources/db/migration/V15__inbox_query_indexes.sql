-- The inbox's first pages in a large practice (issue 5's benchmark: 1,000,000 messages, 200,000 conversations).
-- Staff work the open conversations, newest first. These partial indexes hold only open ones, in that order, so a
-- filtered first page reads about as many entries as it shows instead of walking the resolved history, and a
-- rare filter finds its few rows at once. The list query writes status, urgent and crisis as literals, so that
-- the generic plan of a prepared statement can use them too (a parameter could not prove the predicate).

-- Any other filter among open conversations (category, channel, unassigned, reply clock, a doctor's two queues):
-- the first page in order, and the count, which stops at 1,000.
CREATE INDEX conversation_open_by_activity ON conversation (practice_id, last_message_at DESC, id)
    WHERE status = 'OPEN';

-- "Mine": the open conversations assigned to one member of staff, a few hundred among thousands.
CREATE INDEX conversation_open_by_assignee ON conversation (practice_id, assigned_to, last_message_at DESC, id)
    WHERE status = 'OPEN';

-- Urgent (a few percent) and crisis (a few in a thousand): without these a page of them is a scan of every open
-- conversation and a sort.
CREATE INDEX conversation_open_urgent ON conversation (practice_id, last_message_at DESC, id)
    WHERE status = 'OPEN' AND urgent;
CREATE INDEX conversation_open_crisis ON conversation (practice_id, last_message_at DESC, id)
    WHERE status = 'OPEN' AND crisis;
