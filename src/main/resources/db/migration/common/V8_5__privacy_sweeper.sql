-- The retention sweeper: one row per retention rule. A node runs a rule only while it holds the lease
-- (lease_until in the future, owner = that node); a crashed runner's lease simply expires. The last run's
-- outcome is kept for the compliance page; every run is also in the audit trail (privacy.retention.swept).
CREATE TABLE privacy_sweep_locks (
	rule VARCHAR(100) PRIMARY KEY,
	owner VARCHAR(100),
	lease_until TIMESTAMP WITH TIME ZONE,
	last_started_at TIMESTAMP WITH TIME ZONE,
	last_finished_at TIMESTAMP WITH TIME ZONE,
	last_count BIGINT,
	last_outcome VARCHAR(10)
);
