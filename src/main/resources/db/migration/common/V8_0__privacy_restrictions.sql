-- Restriction of processing (GDPR Art. 18 and the policy's "temporarily or permanently suspend processing"):
-- one row per restricted account. restricted_until NULL = until the person lifts it; a past date has ended
-- (reads ignore it, a scheduled cleanup deletes it).
CREATE TABLE privacy_restrictions (
	account_id UUID PRIMARY KEY,
	restricted_since TIMESTAMP WITH TIME ZONE NOT NULL,
	restricted_until TIMESTAMP WITH TIME ZONE
);
CREATE INDEX privacy_restrictions_until ON privacy_restrictions (restricted_until);
