-- Sign-in step-ups (module sessions): Secure Patrol asks that, until until_at, every sign-in of the account prove a
-- second factor (the authenticator app, or a one-time code mailed to the verified address when it has none). The
-- row names an account: it lives at most 48 hours (pledge.patrol.step-up-duration is capped there), the
-- retention rule sign-in-step-ups deletes it when it ends, and erasure deletes it at once.
CREATE TABLE sessions_step_ups (
	account_id VARCHAR(36) NOT NULL,
	reason VARCHAR(50) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	until_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT sessions_step_ups_pk PRIMARY KEY (account_id),
	CONSTRAINT sessions_step_ups_lifetime CHECK (until_at <= created_at + INTERVAL '48' HOUR)
);
CREATE INDEX sessions_step_ups_until_idx ON sessions_step_ups (until_at);

-- The one-time sign-in code mailed during a step-up, hashed: one live code per account, valid 10 minutes, deleted
-- by the sign-in that uses it (one DELETE: of forty attempts with the right code, one signs in) or after five
-- wrong tries.
CREATE TABLE sessions_sign_in_codes (
	account_id VARCHAR(36) NOT NULL,
	code_hash VARCHAR(64) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	failures INT NOT NULL,
	CONSTRAINT sessions_sign_in_codes_pk PRIMARY KEY (account_id),
	CONSTRAINT sessions_sign_in_codes_lifetime CHECK (expires_at <= created_at + INTERVAL '1' HOUR)
);
CREATE INDEX sessions_sign_in_codes_expiry_idx ON sessions_sign_in_codes (expires_at);
