-- Mail waiting for the SMTP server (shared.Mailer, shared.MailDelivery). A row is written in the transaction of
-- what it announces, so a rolled-back change never mails and a committed one always does; it is deleted, and its
-- vault key destroyed, once the mail is sent or given up. Recipient, subject and body are sealed under a vault key
-- of the mail's own (owner id = id); recipient_index is a keyed hash of the recipient, for export and erasure.
CREATE TABLE mail_queue (
	id UUID PRIMARY KEY,
	recipient_index VARCHAR(64) NOT NULL,
	recipient_sealed VARCHAR(2000) NOT NULL,
	subject_sealed VARCHAR(2000) NOT NULL,
	body_sealed VARCHAR(1000000) NOT NULL,
	queued_at TIMESTAMP WITH TIME ZONE NOT NULL,
	attempts INT DEFAULT 0 NOT NULL,
	next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
	-- a node sending the mail holds it until then; a node that died mid-send lets it go when the time passes
	claimed_until TIMESTAMP WITH TIME ZONE,
	-- the class of the last failure only: an SMTP error message may quote the address
	last_error VARCHAR(300)
);
CREATE INDEX mail_queue_due_idx ON mail_queue (next_attempt_at);
CREATE INDEX mail_queue_recipient_idx ON mail_queue (recipient_index);
