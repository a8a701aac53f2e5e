-- The person an event concerns besides its actor and target, named under the detail key "account" (the member
-- who joined or was removed, the person a privacy request is about). Indexed, so that a person's own events
-- (GET /api/v1/me/audit, the export) and erasure find those rows through an index instead of reading the whole
-- trail for the id inside detail. The digest covers detail, not this column.
ALTER TABLE audit_events ADD COLUMN mentioned UUID;
UPDATE audit_events
SET mentioned = CAST(REGEXP_SUBSTR(detail, '"account":"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"', 1, 1, '', 1) AS UUID)
WHERE detail LIKE '%"account":"%';
-- H2 has no partial indexes; the embedded database holds small trails, a plain index does.
CREATE INDEX audit_events_mentioned_idx ON audit_events (mentioned, occurred_at, id);
