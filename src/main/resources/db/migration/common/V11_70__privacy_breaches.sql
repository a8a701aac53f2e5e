-- Personal-data breaches (GDPR Art. 33 and 34), recorded by the vendor's administrators and kept as the
-- documentation Art. 33(5) asks for. The free texts may name people or systems: they are sealed in the vault under
-- a key of the breach's own (owner id = breach id); deleting the record destroys that key.
CREATE TABLE privacy_breaches (
	id UUID PRIMARY KEY,
	discovered_at TIMESTAMP WITH TIME ZONE NOT NULL,
	summary_sealed VARCHAR(12000) NOT NULL,
	data_categories_sealed VARCHAR(12000),
	subject_categories_sealed VARCHAR(12000),
	approximate_subjects BIGINT,
	consequences_sealed VARCHAR(12000),
	measures_sealed VARCHAR(12000),
	high_risk BOOLEAN DEFAULT FALSE NOT NULL,
	authority_notified_at TIMESTAMP WITH TIME ZONE,
	delay_reason_sealed VARCHAR(12000),
	no_notification_reason_sealed VARCHAR(12000),
	recorded_by UUID NOT NULL,
	recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT privacy_breaches_subjects CHECK (approximate_subjects IS NULL OR approximate_subjects >= 0)
);
CREATE INDEX privacy_breaches_discovered_idx ON privacy_breaches (discovered_at);
CREATE INDEX privacy_breaches_updated_idx ON privacy_breaches (updated_at);

-- Who was told of a breach (Art. 34), and when. The address is read from the account at send time and kept
-- nowhere here. An erased account's row stays without its id: the vendor can still show how many were told.
CREATE TABLE privacy_breach_notices (
	breach_id UUID NOT NULL REFERENCES privacy_breaches (id),
	account_id UUID,
	notified_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT privacy_breach_notices_once UNIQUE (breach_id, account_id)
);
CREATE INDEX privacy_breach_notices_account_idx ON privacy_breach_notices (account_id);
