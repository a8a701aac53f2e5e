package eu.pledge.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.accounts.Accounts;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Permission;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Tokens;

/**
 * Mails a pending invitation again, for the organisation's owners and admins: with a new link (the old one stops
 * working at once, so a link that leaked with the first mail is worth nothing) and a new expiry. At most once a
 * minute per invitation; requests for one organisation take turns on its row lock, so forty at once mail once.
 */
@Service
@Transactional
class InvitationResends {

	static final Duration PAUSE = Duration.ofMinutes(1);

	private final Memberships memberships;
	private final InvitationRepository invitations;
	private final OrganizationRepository organizationRows;
	private final Organizations organizations;
	private final Access access;
	private final Denials denials;
	private final Accounts accounts;
	private final InvitationMails mails;
	private final AccessProperties properties;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	InvitationResends(Memberships memberships, InvitationRepository invitations, OrganizationRepository organizationRows,
			Organizations organizations, Access access, Denials denials, Accounts accounts, InvitationMails mails,
			AccessProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.memberships = memberships;
		this.invitations = invitations;
		this.organizationRows = organizationRows;
		this.organizations = organizations;
		this.access = access;
		this.denials = denials;
		this.accounts = accounts;
		this.mails = mails;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	void resend(AccountId actor, String organizationId, String invitationId) {
		access.require(actor, Permission.MANAGE_MEMBERS, organizationId);
		Organization organization = organizations.find(actor, organizationId);
		organizationRows.lock(organization.id());
		Instant now = clock.instant();
		InvitationRepository.Stored stored = invitations.list(organization.id(), now).stream()
				.filter(pending -> invitationId != null
						&& Memberships.PendingInvitation.idOf(pending.tokenHash()).equals(invitationId))
				.findFirst()
				.orElseThrow(() -> Rejected.badRequest("invitation",
						"This invitation is no longer pending: it was accepted, revoked, sent again or has expired."));
		if (stored.role() == Role.OWNER && !memberships.ownerOrPlatformAdmin(actor, organization.id())) {
			denials.publish(actor, Permission.MANAGE_MEMBERS, organizationId, "admin-cannot-resend-owner-invitation");
			throw new Rejected(HttpStatus.FORBIDDEN, "invitation", "Only an owner can send an owner's invitation again.");
		}
		String address = memberships.pending(stored).email();
		if (address == null) {
			throw new Rejected(HttpStatus.CONFLICT, "invitation", "This invitation was sent before Pledge kept the "
					+ "invitee's address, so it cannot be sent again. Revoke it and send a new invitation.");
		}
		if (stored.mailedAt().isAfter(now.minus(PAUSE))) {
			throw new Rejected(HttpStatus.TOO_MANY_REQUESTS, "invitation",
					"This invitation was mailed less than a minute ago. Please wait a minute before sending it again.");
		}
		String token = Tokens.newLinkToken();
		Instant expiresAt = now.plus(properties.invitationValidity());
		if (!invitations.renew(organization.id(), stored.tokenHash(), Tokens.sha256(token), now, expiresAt)) {
			throw Rejected.badRequest("invitation", "This invitation is no longer pending.");
		}
		// As for the first mail: a person who restricted processing gets none, and the inviter is not told why.
		if (!accounts.accountWithEmail(address).map(access::restricted).orElse(false)) {
			mails.invitation(address, organization, stored.role(), token, expiresAt);
		}
		events.publishEvent(new InvitationResent(organization.id(), stored.role(), actor, expiresAt, now));
	}
}
