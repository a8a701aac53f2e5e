-- Passkeys (WebAuthn credentials, docs/PASSKEYS.md). The WebAuthn user handle of an account: random bytes the
-- authenticator keeps with the passkey and hands back at a sign-in without email (base64url).
CREATE TABLE passkey_users (
	account_id UUID PRIMARY KEY,
	user_handle VARCHAR(100) NOT NULL
);
CREATE UNIQUE INDEX passkey_users_handle ON passkey_users (user_handle);

-- One row per passkey. The credential id, the public key (COSE), the attestation object the authenticator sent
-- and the person's name for the passkey are sealed in the vault under the account's data key; credential_index
-- is a keyed HMAC of the credential id so a sign-in can find the row. The sign counter and the AAGUID (the
-- authenticator's model, not the device) are kept in clear: the counter is compared at every sign-in (a
-- counter that goes back is a cloned authenticator).
CREATE TABLE passkeys (
	credential_index VARCHAR(64) PRIMARY KEY,
	account_id UUID NOT NULL,
	credential_id VARCHAR(4000) NOT NULL,
	label VARCHAR(1000) NOT NULL,
	public_key VARCHAR(4000) NOT NULL,
	attestation_object VARCHAR(16000) NOT NULL,
	attestation_client_data VARCHAR(4000),
	signature_count BIGINT NOT NULL,
	uv_initialized BOOLEAN NOT NULL,
	backup_eligible BOOLEAN NOT NULL,
	backup_state BOOLEAN NOT NULL,
	transports VARCHAR(200) NOT NULL,
	aaguid VARCHAR(36),
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	last_used_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX passkeys_account ON passkeys (account_id, created_at);

-- Challenges handed to a browser, each good for one answer: a sign-in or registration deletes its row, and only
-- the request that deleted it goes on, however many copies arrive at once on however many nodes.
CREATE TABLE passkey_challenges (
	challenge_digest VARCHAR(64) PRIMARY KEY,
	purpose VARCHAR(20) NOT NULL,
	account_id UUID,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX passkey_challenges_expiry ON passkey_challenges (expires_at);

-- "Passkey only": the password no longer signs in (a reset by mail turns it off again).
ALTER TABLE accounts ADD COLUMN passkey_only BOOLEAN DEFAULT FALSE NOT NULL;
-- Set by a password reset by mail: the passkeys are to be confirmed or removed by their owner, and until then a
-- password sign-in does not ask for one (the person may have reset because every passkey was lost).
ALTER TABLE accounts ADD COLUMN passkeys_unconfirmed BOOLEAN DEFAULT FALSE NOT NULL;
