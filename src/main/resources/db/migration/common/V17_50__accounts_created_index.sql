-- The compliance check samples the newest accounts (EncryptedColumnsCheck: ORDER BY created_at DESC LIMIT 1000):
-- without this index a sort of the whole table, 390 ms at a million accounts (docs/PERFORMANCE.md, "How cost
-- grows"). created_at is never updated, so the index costs the account updates nothing.
CREATE INDEX accounts_created ON accounts (created_at);
