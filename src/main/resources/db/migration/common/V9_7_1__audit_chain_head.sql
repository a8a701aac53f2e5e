-- The audit chain's head: the newest closed period, signed with a key derived from the master key. Closing a period
-- moves it in the same transaction; nothing deletes it, retention included. Deleting the newest closed periods
-- (with their events or without) leaves it naming a period that is gone: verification reports that period and
-- maintenance records it as missing instead of sealing it again (docs/AUDIT.md, "The chain's head").
-- NULL until the first maintenance run after this migration adopts the newest closed period.
CREATE TABLE audit_chain_head (
	id INT PRIMARY KEY,
	period DATE,
	signature VARCHAR(64),
	updated_at TIMESTAMP(6) WITH TIME ZONE
);
INSERT INTO audit_chain_head (id) VALUES (1);
