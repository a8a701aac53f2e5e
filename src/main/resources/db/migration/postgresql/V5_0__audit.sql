-- The audit trail (PostgreSQL). audit_events is range-partitioned by period: the maintenance job creates a
-- partition per period ahead of time, and retention drops whole partitions, which is a catalogue change
-- rather than a DELETE of millions of rows. The default partition catches a period whose partition does not
-- exist yet (the job was down), so an audited action never fails for want of a partition.
-- No column ever holds a name, email, address, IP, token or password: actor and target are ids, detail holds
-- codes and ids (JSON object text), request_id is the per-request token of the web edge.
-- PostgreSQL 15 has no identity columns on partitioned tables, hence the sequence.
CREATE SEQUENCE audit_events_id_seq CACHE 20;
CREATE TABLE audit_events (
	id BIGINT NOT NULL DEFAULT nextval('audit_events_id_seq'),
	period DATE NOT NULL,
	occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	actor UUID,
	action VARCHAR(100) NOT NULL,
	target_type VARCHAR(50),
	target_id VARCHAR(100),
	outcome VARCHAR(10) NOT NULL,
	request_id VARCHAR(64),
	detail TEXT NOT NULL,
	CONSTRAINT audit_events_pk PRIMARY KEY (period, id)
) PARTITION BY RANGE (period);
ALTER SEQUENCE audit_events_id_seq OWNED BY audit_events.id;
CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT;
-- Search: newest first with (occurred_at, id) as the cursor; one index per selective filter (docs/AUDIT.md).
CREATE INDEX audit_events_time_idx ON audit_events (occurred_at, id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor, occurred_at, id);
CREATE INDEX audit_events_target_idx ON audit_events (target_id, target_type, occurred_at, id);
CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at, id);

-- One row per closed period: the chain of digests, each signed with a key derived from the master key.
CREATE TABLE audit_periods (
	period DATE PRIMARY KEY,
	event_count BIGINT NOT NULL,
	digest VARCHAR(64) NOT NULL,
	previous_digest VARCHAR(64) NOT NULL,
	signature VARCHAR(64) NOT NULL,
	closed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
