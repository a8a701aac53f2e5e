-- The public contact form. Name, email and message are sealed in the vault under a key of the message's own
-- (owner id = message id); the retention rule deletes the row and destroys that key.
CREATE TABLE contact_messages (
	id UUID PRIMARY KEY,
	received_at TIMESTAMP WITH TIME ZONE NOT NULL,
	account_id UUID,
	name_sealed VARCHAR(2000) NOT NULL,
	email_sealed VARCHAR(2000) NOT NULL,
	message_sealed VARCHAR(40000) NOT NULL,
	request_id UUID
);
CREATE INDEX contact_messages_received_idx ON contact_messages (received_at);
CREATE INDEX contact_messages_account_idx ON contact_messages (account_id);

-- Challenges already answered (single use). Only the random challenge id, until the challenge would expire.
CREATE TABLE contact_used_challenges (
	challenge_id VARCHAR(32) PRIMARY KEY,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX contact_used_challenges_expiry_idx ON contact_used_challenges (expires_at);

-- Submissions per client address in the current window. The address is kept only as a keyed HMAC (the key
-- derives from the master key), and the database holds every row to 24 hours at most.
CREATE TABLE contact_rate_limits (
	address_hash VARCHAR(64) PRIMARY KEY,
	submissions INT NOT NULL,
	window_start TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT contact_rate_limits_lifetime CHECK (expires_at <= window_start + INTERVAL '24' HOUR)
);
CREATE INDEX contact_rate_limits_expiry_idx ON contact_rate_limits (expires_at);
