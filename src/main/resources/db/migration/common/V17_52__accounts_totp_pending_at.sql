-- When the pending TOTP set-up was started: a start within the next minutes shows the same secret again (forty
-- starts at once, a reload, a second tab) instead of replacing a secret the person may already have scanned.
ALTER TABLE accounts ADD COLUMN totp_pending_at TIMESTAMP WITH TIME ZONE;
