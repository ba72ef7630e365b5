-- Issue 13 §4: an urgent or crisis message texted or e-mailed in is answered at once with what to do now (911, the
-- on-call number, 988 for a crisis), at most once a day per conversation; a crisis after an urgent answer that day
-- is answered again, since only the crisis answer names 988.
ALTER TABLE conversation ADD COLUMN safety_reply_at timestamptz;
ALTER TABLE conversation ADD COLUMN safety_reply_crisis boolean NOT NULL DEFAULT false;
