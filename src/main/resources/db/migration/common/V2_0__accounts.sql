-- Accounts. Name, email and address columns hold vault ciphertext (AES-256-GCM under the account's data
-- key); email_index is a keyed HMAC of the normalised email so sign-in can find the account.
CREATE TABLE accounts (
	id UUID PRIMARY KEY,
	email_index VARCHAR(64) NOT NULL,
	email VARCHAR(2000) NOT NULL,
	name VARCHAR(2000) NOT NULL,
	street VARCHAR(2000) NOT NULL,
	postal_code VARCHAR(500) NOT NULL,
	city VARCHAR(1000) NOT NULL,
	country VARCHAR(500) NOT NULL,
	password_hash VARCHAR(255) NOT NULL,
	status VARCHAR(20) NOT NULL,
	roles VARCHAR(100) NOT NULL,
	totp_secret VARCHAR(500),
	totp_pending_secret VARCHAR(500),
	totp_last_step BIGINT,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	verified_at TIMESTAMP WITH TIME ZONE,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX accounts_email_index ON accounts (email_index);
CREATE INDEX accounts_status_created ON accounts (status, created_at);

-- Single-use link tokens, stored only as SHA-256 of the mailed secret.
CREATE TABLE account_tokens (
	token_hash VARCHAR(64) PRIMARY KEY,
	account_id UUID NOT NULL,
	purpose VARCHAR(30) NOT NULL,
	payload VARCHAR(2000),
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX account_tokens_account ON account_tokens (account_id, purpose);
CREATE INDEX account_tokens_expiry ON account_tokens (expires_at);

-- One-time recovery codes for the second factor, stored as SHA-256.
CREATE TABLE recovery_codes (
	account_id UUID NOT NULL,
	code_hash VARCHAR(64) NOT NULL,
	PRIMARY KEY (account_id, code_hash)
);

CREATE TABLE preferences (
	account_id UUID PRIMARY KEY,
	home_page VARCHAR(200) NOT NULL,
	dashboard_layout VARCHAR(4000) NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The one-time link that creates the first platform administrator.
CREATE TABLE setup_tokens (
	token_hash VARCHAR(64) PRIMARY KEY,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
