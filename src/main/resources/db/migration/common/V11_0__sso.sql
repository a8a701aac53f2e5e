-- Single sign-on (module sso): Spring Security's authorization server keeps its clients, authorizations and
-- consents in these tables (its JDBC services), so any node answers any request. The layout is the one the
-- library ships (oauth2-*-schema.sql); the authorizations, whose large columns differ between the databases, are
-- in {vendor}/V11_0_1__sso_authorizations.sql.
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
-- the key's own data key); the public key is published in the JWKS until published_until.
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
