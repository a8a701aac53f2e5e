-- A spent recovery code stays, marked spent, until the codes are replaced or the account goes: sent again, the
-- person is told that it was used (each works once) rather than that it is wrong. Only its hash, as before.
ALTER TABLE recovery_codes ADD COLUMN spent BOOLEAN DEFAULT FALSE NOT NULL;
