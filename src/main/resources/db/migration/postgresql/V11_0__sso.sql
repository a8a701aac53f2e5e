-- Single sign-on (module sso): Spring Security's authorization server keeps its clients, authorizations and
-- consents in these tables (its JDBC services), so any node answers any request. The layout is the one the
-- library ships (oauth2-*-schema.sql), with two changes:
-- * every token value column holds a SHA-256 digest of the token, never the token (a copy of the database
--   signs nobody in), so they are short VARCHARs with an index each (the token endpoint, introspection and
--   userinfo find an authorization by it);
-- * the library's BLOB columns are TEXT here (the library reads the column types at start-up).
-- Personal data held: the account id (principal_name) and the pseudonymous claims the tokens carry; names and
-- email addresses are never in a token's stored claims (userinfo reads them from the account when asked).
CREATE TABLE oauth2_registered_client (
	id VARCHAR(100) NOT NULL,
	client_id VARCHAR(100) NOT NULL,
	client_id_issued_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
	client_secret VARCHAR(400) DEFAULT NULL,
	client_secret_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	client_name VARCHAR(200) NOT NULL,
	client_authentication_methods VARCHAR(1000) NOT NULL,
	authorization_grant_types VARCHAR(1000) NOT NULL,
	redirect_uris VARCHAR(4000) DEFAULT NULL,
	post_logout_redirect_uris VARCHAR(4000) DEFAULT NULL,
	scopes VARCHAR(1000) NOT NULL,
	client_settings VARCHAR(4000) NOT NULL,
	token_settings VARCHAR(4000) NOT NULL,
	CONSTRAINT oauth2_registered_client_pk PRIMARY KEY (id),
	CONSTRAINT oauth2_registered_client_client_id_uq UNIQUE (client_id)
);

CREATE TABLE oauth2_authorization (
	id VARCHAR(100) NOT NULL,
	registered_client_id VARCHAR(100) NOT NULL,
	principal_name VARCHAR(200) NOT NULL,
	authorization_grant_type VARCHAR(100) NOT NULL,
	authorized_scopes VARCHAR(1000) DEFAULT NULL,
	attributes TEXT DEFAULT NULL,
	state VARCHAR(500) DEFAULT NULL,
	authorization_code_value VARCHAR(100) DEFAULT NULL,
	authorization_code_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	authorization_code_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	authorization_code_metadata TEXT DEFAULT NULL,
	access_token_value VARCHAR(100) DEFAULT NULL,
	access_token_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	access_token_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	access_token_metadata TEXT DEFAULT NULL,
	access_token_type VARCHAR(100) DEFAULT NULL,
	access_token_scopes VARCHAR(1000) DEFAULT NULL,
	oidc_id_token_value VARCHAR(100) DEFAULT NULL,
	oidc_id_token_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	oidc_id_token_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	oidc_id_token_metadata TEXT DEFAULT NULL,
	refresh_token_value VARCHAR(100) DEFAULT NULL,
	refresh_token_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	refresh_token_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	refresh_token_metadata TEXT DEFAULT NULL,
	user_code_value VARCHAR(100) DEFAULT NULL,
	user_code_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	user_code_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	user_code_metadata TEXT DEFAULT NULL,
	device_code_value VARCHAR(100) DEFAULT NULL,
	device_code_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	device_code_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	device_code_metadata TEXT DEFAULT NULL,
	CONSTRAINT oauth2_authorization_pk PRIMARY KEY (id)
);
CREATE INDEX oauth2_authorization_state_idx ON oauth2_authorization (state);
CREATE INDEX oauth2_authorization_code_idx ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_access_idx ON oauth2_authorization (access_token_value);
CREATE INDEX oauth2_authorization_id_token_idx ON oauth2_authorization (oidc_id_token_value);
CREATE INDEX oauth2_authorization_refresh_idx ON oauth2_authorization (refresh_token_value);
CREATE INDEX oauth2_authorization_principal_idx ON oauth2_authorization (principal_name);

CREATE TABLE oauth2_authorization_consent (
	registered_client_id VARCHAR(100) NOT NULL,
	principal_name VARCHAR(200) NOT NULL,
	authorities VARCHAR(1000) NOT NULL,
	CONSTRAINT oauth2_authorization_consent_pk PRIMARY KEY (registered_client_id, principal_name)
);

-- Refresh tokens already exchanged (digests only), with the authorization they belonged to, so that a reused
-- one is recognised and revokes its whole family. A row lives as long as the refresh token it names could have.
CREATE TABLE sso_spent_refresh_tokens (
	token_digest VARCHAR(100) NOT NULL,
	authorization_id VARCHAR(100) NOT NULL,
	principal_name VARCHAR(200) NOT NULL,
	registered_client_id VARCHAR(100) NOT NULL,
	spent_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT sso_spent_refresh_tokens_pk PRIMARY KEY (token_digest)
);
CREATE INDEX sso_spent_refresh_tokens_authorization_idx ON sso_spent_refresh_tokens (authorization_id);
CREATE INDEX sso_spent_refresh_tokens_expiry_idx ON sso_spent_refresh_tokens (expires_at);

-- Signing keys of the tokens, shared by every node. The private key is sealed in the vault (AES-256-GCM under
-- the key's own data key); the public key is published in the JWKS until retire_after.
CREATE TABLE sso_signing_keys (
	kid VARCHAR(64) NOT NULL,
	algorithm VARCHAR(10) NOT NULL,
	public_jwk VARCHAR(4000) NOT NULL,
	private_jwk_sealed VARCHAR(8000) NOT NULL,
	vault_key VARCHAR(36) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	signs_until TIMESTAMP WITH TIME ZONE NOT NULL,
	published_until TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT sso_signing_keys_pk PRIMARY KEY (kid)
);
CREATE INDEX sso_signing_keys_published_idx ON sso_signing_keys (published_until);
