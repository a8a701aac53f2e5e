-- The vault's key check: one random value wrapped under the master key by the first start on this database. Every
-- later start unwraps it and refuses to start when it cannot (another master key than the one that wrapped the
-- data keys), instead of starting and failing every sign-in (shared/MasterKeyCheck). Not personal data.
CREATE TABLE vault_key_check (
	id INT PRIMARY KEY,
	wrapped BYTEA NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
