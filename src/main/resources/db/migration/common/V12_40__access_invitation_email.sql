-- The invitee's address, sealed in the vault under a key of the invitation's own (email_key), so that the
-- organisation's admins see whom they invited and can send the link again; the key goes with the invitation
-- (accepted, revoked, expired, or the invitee's account erased). Older invitations have neither: they cannot be
-- sent again, only revoked and sent anew. mailed_at: when the link was last mailed (one resend a minute).
ALTER TABLE access_invitations ADD COLUMN invitee_email VARCHAR(1000);
ALTER TABLE access_invitations ADD COLUMN email_key UUID;
ALTER TABLE access_invitations ADD COLUMN mailed_at TIMESTAMP WITH TIME ZONE;
