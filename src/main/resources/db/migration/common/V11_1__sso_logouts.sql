-- Single sign-on: which Pledge session an authorization came from, and the back-channel logouts still to deliver.

-- An authorization made in a browser belongs to the Pledge session that signed it in (Spring Session's internal
-- PRIMARY_ID, which is not the cookie and does not change when the session id is renewed). When that session is
-- gone (signed out, ended, timed out, password changed), the authorization ends and its system is told.
CREATE TABLE sso_session_links (
	authorization_id VARCHAR(100) NOT NULL,
	session_primary_id VARCHAR(36) NOT NULL,
	principal_name VARCHAR(200) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT sso_session_links_pk PRIMARY KEY (authorization_id)
);
CREATE INDEX sso_session_links_session_idx ON sso_session_links (session_primary_id);
CREATE INDEX sso_session_links_principal_idx ON sso_session_links (principal_name);

-- A logout token owed to a system's back-channel logout URI: the token is made and signed at each attempt from
-- the subject the system knows (pairwise by default), retried with growing pauses until delivered or expired.
CREATE TABLE sso_logout_deliveries (
	id VARCHAR(36) NOT NULL,
	registered_client_id VARCHAR(100) NOT NULL,
	client_id VARCHAR(100) NOT NULL,
	uri VARCHAR(400) NOT NULL,
	subject VARCHAR(200) NOT NULL,
	reason VARCHAR(40) NOT NULL,
	attempts INT NOT NULL,
	next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT sso_logout_deliveries_pk PRIMARY KEY (id),
	CONSTRAINT sso_logout_deliveries_lifetime CHECK (expires_at <= created_at + INTERVAL '48' HOUR)
);
CREATE INDEX sso_logout_deliveries_due_idx ON sso_logout_deliveries (next_attempt_at);
