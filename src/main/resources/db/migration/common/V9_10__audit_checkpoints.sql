-- Checkpoints of the open audit periods (docs/AUDIT.md, "Checkpoints"): every pledge.audit.checkpoint-interval
-- the events of the open period that arrived since the previous checkpoint are digested and signed, so an edit
-- or deletion shows within a minute instead of when the period closes. A checkpoint covers the events with
-- after_time < occurred_at <= through_time; the checkpoints of a period are contiguous (seq 1, 2, ...; each
-- starts where the one before ended). event_ids (ranges such as 5-9,12) and event_hashes (the first four bytes
-- of each event's SHA-256, in id order, base64) only name the event that no longer matches; the signed digest
-- covers the events themselves. Closing a period verifies its checkpoints and deletes them.
CREATE TABLE audit_checkpoints (
	period DATE NOT NULL,
	seq INT NOT NULL,
	after_time TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	through_time TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	event_count BIGINT NOT NULL,
	event_ids VARCHAR NOT NULL,
	event_hashes VARCHAR NOT NULL,
	digest VARCHAR(64) NOT NULL,
	signature VARCHAR(64) NOT NULL,
	created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	CONSTRAINT audit_checkpoints_pk PRIMARY KEY (period, seq)
);
-- The checkpoints' head: one row naming the newest checkpoint (period and seq), signed; moved in the transaction that
-- writes a checkpoint, deleted by nothing. Deleting the newest checkpoints together with their events shows as a
-- checkpoint the head names and the table lacks. NULL until the first checkpoint.
CREATE TABLE audit_checkpoint_head (
	id INT PRIMARY KEY,
	period DATE,
	seq INT,
	signature VARCHAR(64),
	updated_at TIMESTAMP(6) WITH TIME ZONE
);
INSERT INTO audit_checkpoint_head (id) VALUES (1);
