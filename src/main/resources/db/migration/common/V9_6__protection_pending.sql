-- Attempts admitted but not yet decided (their password or code still being checked). Admission counts them
-- with the failures, under the row's lock, so that forty attempts arriving at once on any number of nodes
-- cannot all pass a limit of five. pending_until bounds a count left behind by a node that died mid-attempt.
ALTER TABLE protection_addresses ADD COLUMN pending INT DEFAULT 0 NOT NULL;
ALTER TABLE protection_addresses ADD COLUMN pending_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE protection_throttles ADD COLUMN pending INT DEFAULT 0 NOT NULL;
ALTER TABLE protection_throttles ADD COLUMN pending_until TIMESTAMP WITH TIME ZONE;
