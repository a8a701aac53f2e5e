-- Organisations (the vendor's customers), their contracts and members. A name here is a company name, not
-- personal data. Members and invitations refer to accounts by id or by the accounts module's keyed email
-- index; the email itself is never stored here. No foreign keys to other modules' tables.
CREATE TABLE access_organizations (
	id UUID PRIMARY KEY,
	name VARCHAR(200) NOT NULL,
	status VARCHAR(20) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE access_contracts (
	id UUID PRIMARY KEY,
	organization_id UUID NOT NULL REFERENCES access_organizations (id),
	status VARCHAR(20) NOT NULL,
	starts_at TIMESTAMP WITH TIME ZONE NOT NULL,
	ends_at TIMESTAMP WITH TIME ZONE NOT NULL,
	seats INT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT access_contracts_period CHECK (ends_at > starts_at),
	CONSTRAINT access_contracts_seats CHECK (seats >= 0)
);
CREATE INDEX access_contracts_organization ON access_contracts (organization_id, status);

-- Per contract and system, the access level it grants (a level of the configured catalogue).
CREATE TABLE access_contract_grants (
	contract_id UUID NOT NULL REFERENCES access_contracts (id),
	system VARCHAR(50) NOT NULL,
	level VARCHAR(50) NOT NULL,
	CONSTRAINT access_contract_grants_pk PRIMARY KEY (contract_id, system)
);

CREATE TABLE access_memberships (
	organization_id UUID NOT NULL REFERENCES access_organizations (id),
	account_id UUID NOT NULL,
	role VARCHAR(20) NOT NULL,
	joined_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT access_memberships_pk PRIMARY KEY (organization_id, account_id)
);
CREATE INDEX access_memberships_account ON access_memberships (account_id);

-- Pending invitations: the single-use link token only as SHA-256, the invitee only as the keyed email index.
CREATE TABLE access_invitations (
	token_hash VARCHAR(64) PRIMARY KEY,
	organization_id UUID NOT NULL REFERENCES access_organizations (id),
	email_index VARCHAR(64) NOT NULL,
	role VARCHAR(20) NOT NULL,
	invited_by UUID NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX access_invitations_organization ON access_invitations (organization_id, expires_at);
CREATE INDEX access_invitations_expiry ON access_invitations (expires_at);
