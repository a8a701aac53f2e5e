-- Rules may count by session (a pseudonym: a hash of the session id, never the id itself) and by reporting system.
ALTER TABLE patrol_detections ADD COLUMN session_key VARCHAR(64);
CREATE INDEX patrol_detections_session_idx ON patrol_detections (session_key, occurred_at);
CREATE INDEX patrol_detections_system_idx ON patrol_detections (system_name, occurred_at);
-- A key is an address, an account id, a session pseudonym, a system name (64) or 'site'.
ALTER TABLE patrol_offenders ALTER COLUMN key_value SET DATA TYPE VARCHAR(64);
