-- Brute-force protection. Every row carries expires_at, at most pledge.protection.record-lifetime after its
-- last update; reads ignore rows past it and a scheduled purge deletes them. The CHECKs hold the database to
-- the policy's ceiling of 48 hours whatever the application is configured to do.

-- Failures and blocks per client address (IPv4, or the IPv6 network prefix), across all accounts.
CREATE TABLE protection_addresses (
	address VARCHAR(45) NOT NULL,
	failures INT NOT NULL,
	window_start TIMESTAMP WITH TIME ZONE NOT NULL,
	blocks INT NOT NULL,
	blocked_at TIMESTAMP WITH TIME ZONE,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT protection_addresses_pk PRIMARY KEY (address),
	CONSTRAINT protection_addresses_lifetime CHECK (expires_at <= updated_at + INTERVAL '48' HOUR)
);
CREATE INDEX protection_addresses_blocked_idx ON protection_addresses (blocked_at);
CREATE INDEX protection_addresses_expiry_idx ON protection_addresses (expires_at);

-- Failures per account (address '') and per (address, account) pair. account_key is the caller's keyed index.
CREATE TABLE protection_throttles (
	account_key VARCHAR(128) NOT NULL,
	address VARCHAR(45) NOT NULL,
	failures INT NOT NULL,
	window_start TIMESTAMP WITH TIME ZONE NOT NULL,
	last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT protection_throttles_pk PRIMARY KEY (account_key, address),
	CONSTRAINT protection_throttles_lifetime CHECK (expires_at <= updated_at + INTERVAL '48' HOUR)
);
CREATE INDEX protection_throttles_expiry_idx ON protection_throttles (expires_at);

-- Addresses each account recently signed in from: exempt from the account-wide throttle.
CREATE TABLE protection_known_addresses (
	account_key VARCHAR(128) NOT NULL,
	address VARCHAR(45) NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT protection_known_addresses_pk PRIMARY KEY (account_key, address),
	CONSTRAINT protection_known_addresses_lifetime CHECK (expires_at <= updated_at + INTERVAL '48' HOUR)
);
CREATE INDEX protection_known_addresses_expiry_idx ON protection_known_addresses (expires_at);
