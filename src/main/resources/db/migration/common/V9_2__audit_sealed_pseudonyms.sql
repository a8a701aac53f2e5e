-- Sealed pseudonyms: erasing a person no longer re-seals the audit chain (docs/AUDIT.md, "Erasure").
-- Every id an event names (actor, target, ids in detail) is sealed in its period's digest through a random
-- pseudonym of its own, made when the first period naming it is closed. Erasure writes that pseudonym into the
-- person's rows and deletes the mapping: the digests stay valid, and nothing leads back to the person.
CREATE TABLE audit_subjects (
	subject VARCHAR(100) PRIMARY KEY,
	pseudonym UUID NOT NULL UNIQUE
);
-- One row: closing a period and erasing a person take it, so the two never interleave.
CREATE TABLE audit_seal_lock (id INT PRIMARY KEY);
INSERT INTO audit_seal_lock (id) VALUES (1);
-- Form 1 sealed the ids themselves; those periods are re-sealed in form 2 once, after verification.
ALTER TABLE audit_periods ADD COLUMN form SMALLINT DEFAULT 2 NOT NULL;
UPDATE audit_periods SET form = 1;
