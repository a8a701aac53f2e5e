-- The one rate limiter's counts for buckets shared by every node (protection.RateLimits, scope CLUSTER): one row
-- per bucket and key, the key only as an HMAC under a key derived from the master key (for address buckets it is
-- an IP address). A row's window starts with the key's first unit; rows whose window ended are ignored and deleted
-- by the retention rule ip-records. The CHECK holds the database to the policy's ceiling of 48 hours.
CREATE TABLE protection_rate_limits (
	bucket VARCHAR(50) NOT NULL,
	key_hash VARCHAR(64) NOT NULL,
	units BIGINT NOT NULL,
	window_start TIMESTAMP WITH TIME ZONE NOT NULL,
	window_end TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT protection_rate_limits_pk PRIMARY KEY (bucket, key_hash),
	CONSTRAINT protection_rate_limits_lifetime CHECK (window_end <= window_start + INTERVAL '48' HOUR)
);
CREATE INDEX protection_rate_limits_expiry_idx ON protection_rate_limits (window_end);
