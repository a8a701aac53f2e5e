-- Security officers search for what went wrong: failures and denials, alone or per action. They are a small
-- share of the trail, so a partial index serves them without slowing the writes of every successful action.
CREATE INDEX audit_events_unsuccessful_idx ON audit_events (outcome, action, occurred_at, id) WHERE outcome <> 'SUCCESS';
