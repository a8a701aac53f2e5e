-- Data-subject requests that arrived another way (mail, the contact form), recorded by the vendor's staff.
-- Free text that may name the person (contact email, reasons, notes) is sealed in the vault under a key of the
-- request's own (owner id = request id): deleting the record destroys that key, so backups cannot be read.
CREATE TABLE privacy_requests (
	id UUID PRIMARY KEY,
	type VARCHAR(20) NOT NULL,
	account_id UUID,
	contact_email_sealed VARCHAR(2000),
	received_on DATE NOT NULL,
	due_on DATE NOT NULL,
	status VARCHAR(20) NOT NULL,
	extension_reason_sealed VARCHAR(12000),
	rejection_reason_sealed VARCHAR(12000),
	notes_sealed VARCHAR(120000),
	contact_message_id UUID,
	recorded_by UUID NOT NULL,
	recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	closed_at TIMESTAMP WITH TIME ZONE,
	anonymised BOOLEAN DEFAULT FALSE NOT NULL,
	CONSTRAINT privacy_requests_type CHECK (type IN ('ACCESS', 'PORTABILITY', 'CORRECTION', 'ERASURE', 'RESTRICTION', 'OBJECTION')),
	CONSTRAINT privacy_requests_status CHECK (status IN ('OPEN', 'EXTENDED', 'COMPLETED', 'REJECTED')),
	CONSTRAINT privacy_requests_closed CHECK ((status IN ('COMPLETED', 'REJECTED')) = (closed_at IS NOT NULL))
);
CREATE INDEX privacy_requests_due_idx ON privacy_requests (due_on);
CREATE INDEX privacy_requests_account_idx ON privacy_requests (account_id);
CREATE INDEX privacy_requests_closed_idx ON privacy_requests (closed_at);
