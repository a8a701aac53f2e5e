-- Single sign-on's authorizations (the library's oauth2_authorization), with two changes to its schema:
-- * every token value column holds a SHA-256 digest of the token, never the token (a copy of the database
--   signs nobody in), so they are short VARCHARs with an index each (the token endpoint, introspection and
--   userinfo find an authorization by it);
-- * the library's BLOB columns are TEXT here (the library reads the column types at start-up).
-- Personal data held: the account id (principal_name) and the pseudonymous claims the tokens carry; names and
-- email addresses are never in a token's stored claims (userinfo reads them from the account when asked).
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
