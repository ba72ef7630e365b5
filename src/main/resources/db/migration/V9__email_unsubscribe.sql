-- Marketing email needs its own consent (MARKETING_EMAIL) and carries a one-click unsubscribe link (RFC 8058).
-- Unsubscribing withdraws that consent only; appointment reminders and other transactional email keep coming.
ALTER TABLE consent_change DROP CONSTRAINT consent_change_purpose_check;
ALTER TABLE consent_change ADD CONSTRAINT consent_change_purpose_check
    CHECK (purpose IN ('TRANSACTIONAL_SMS', 'MARKETING_SMS', 'EMAIL', 'MARKETING_EMAIL', 'PHI_OVER_CHANNEL'));

-- The link's secret: an opaque random token, unique, set on marketing email deliveries only.
ALTER TABLE delivery ADD COLUMN unsubscribe_token text;
CREATE UNIQUE INDEX delivery_unsubscribe_token ON delivery (unsubscribe_token) WHERE unsubscribe_token IS NOT NULL;
