-- Fewer and smaller index entries per event: every audited action writes one entry per index, and retention
-- removes every index file of a dropped partition (docs/PERFORMANCE.md, "Audit trail").
-- The key becomes (occurred_at, id, period): its leading columns are the search order and cursor, so it also
-- does the work of the separate (occurred_at, id) index, which goes. Reading a period in id order (closing,
-- verification) sorts that one partition instead of walking the old (period, id) key.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_pk;
DROP INDEX audit_events_time_idx;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_pk PRIMARY KEY (occurred_at, id, period);
-- A target id names one thing (a UUID, or a configuration key): the type need not be in the index; a search
-- giving both checks the type on the rows the id finds.
DROP INDEX audit_events_target_idx;
CREATE INDEX audit_events_target_idx ON audit_events (target_id, occurred_at, id);
