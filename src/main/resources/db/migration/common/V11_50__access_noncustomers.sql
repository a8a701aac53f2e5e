-- "Only as long as you remain a customer": when an organisation was closed (its members stop being customers
-- from that moment, not from the end date of a contract that was still running), and the accounts that are no
-- longer customers with the date their data is destroyed. The date is fixed when the account is first found to be
-- no longer a customer (or when it is removed from its organisation) and is the one its mail states; a new
-- contract or membership before it deletes the row. No personal data beyond the account id.
ALTER TABLE access_organizations ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
UPDATE access_organizations SET closed_at = updated_at WHERE status = 'CLOSED';

CREATE TABLE access_noncustomers (
	account_id UUID PRIMARY KEY,
	reason VARCHAR(30) NOT NULL,
	stopped_at TIMESTAMP WITH TIME ZONE NOT NULL,
	destroy_at TIMESTAMP WITH TIME ZONE NOT NULL,
	-- PENDING until the sweep that claims it has mailed the person (MAILED) or found them restricted (RESTRICTED)
	notice VARCHAR(20) NOT NULL,
	scheduled_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX access_noncustomers_due ON access_noncustomers (destroy_at);
CREATE INDEX access_noncustomers_notice ON access_noncustomers (notice);
