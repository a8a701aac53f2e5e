-- The administrators' console (issue 16). A disabled account cannot sign in by any path; last_sign_in_at is the
-- last completed sign-in (the console's column, also in the person's export).
ALTER TABLE accounts ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE accounts ADD COLUMN last_sign_in_at TIMESTAMP WITH TIME ZONE;
-- Whether account_name_tokens holds this account's name: existing accounts start without, and a start-up sweep
-- fills them in (a migration cannot compute a keyed HMAC).
ALTER TABLE accounts ADD COLUMN name_indexed BOOLEAN DEFAULT FALSE NOT NULL;

-- The name search without the name: keyed HMACs (the vault's blind index) of each normalised word of the name and
-- of its beginnings of three letters or more. An administrator's search term is turned into the same tokens.
CREATE TABLE account_name_tokens (
	token VARCHAR(64) NOT NULL,
	account_id UUID NOT NULL,
	PRIMARY KEY (token, account_id)
);
CREATE INDEX account_name_tokens_account ON account_name_tokens (account_id);
