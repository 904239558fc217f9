-- When the api_key.expiring events were written (seven days before the expiry, and on its UTC day): each once, whichever
-- host finds the key first (KeyExpiryNotices).
ALTER TABLE keys.api_keys ADD COLUMN expiring_week_notice_at timestamptz, ADD COLUMN expiring_day_notice_at timestamptz;
CREATE INDEX api_keys_expiring ON keys.api_keys (expires_at) WHERE active AND expires_at IS NOT NULL;
