-- H2 has no partial indexes; the embedded database holds small trails, a plain index does.
CREATE INDEX audit_events_unsuccessful_idx ON audit_events (outcome, action, occurred_at, id);
