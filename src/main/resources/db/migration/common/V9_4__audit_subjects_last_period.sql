-- A sealed pseudonym is needed as long as a retained closed period names its id: the last period that did is
-- kept with the mapping, and retention deletes the mappings whose last period it deleted (organisations,
-- contracts, messages and dormant accounts included; an erased account's mapping is already gone).
ALTER TABLE audit_subjects ADD COLUMN last_period DATE;
-- Mappings made before this column: at most as old as the newest closed period, which is a safe bound.
UPDATE audit_subjects SET last_period = COALESCE((SELECT MAX(period) FROM audit_periods), CURRENT_DATE);
