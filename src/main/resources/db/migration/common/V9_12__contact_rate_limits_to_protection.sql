-- The contact form's address counts moved to the one rate limiter (protection_rate_limits, bucket
-- contact-submissions). The old counts held keyed hashes of addresses for at most 24 h; they are dropped, so a
-- client's window starts again once.
DROP TABLE contact_rate_limits;
