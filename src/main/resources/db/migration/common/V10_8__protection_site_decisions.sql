-- Site-wide decisions (protection.Switches), made by Secure Patrol for a bounded time and kept beside the
-- decisions against addresses, so that one id space serves the administrators' list and their lift:
--   challenge   every sign-in from an address the account has not recently signed in from answers a question;
--   switch_off  a feature (registration, password-reset, contact) is refused for a while.
-- Their address column holds the feature's name, not an address ('sign-in' for the challenge); they never reach
-- a CrowdSec bouncer, whose queries ask for bans and captchas only.
ALTER TABLE protection_decisions DROP CONSTRAINT protection_decisions_type;
ALTER TABLE protection_decisions ADD CONSTRAINT protection_decisions_type
	CHECK (decision_type IN ('ban', 'captcha', 'challenge', 'switch_off'));

-- Sign-in questions already answered (single use): only the random question id, until the question would expire.
CREATE TABLE protection_used_questions (
	question_id VARCHAR(32) NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT protection_used_questions_pk PRIMARY KEY (question_id)
);
CREATE INDEX protection_used_questions_expiry_idx ON protection_used_questions (expires_at);
