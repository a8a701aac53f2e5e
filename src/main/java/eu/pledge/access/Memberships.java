package eu.pledge.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.accounts.Accounts;
import eu.pledge.accounts.Profile;
import eu.pledge.protection.RateLimits;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Permission;
import eu.pledge.shared.RecordKey;
import eu.pledge.shared.Vault;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableText;
import eu.pledge.shared.Tokens;

/**
 * Members of organisations: invitations by mailed link, acceptance by the invited person, removal. The seats
 * of an organisation's active contracts bound its members plus pending invitations; changes to one
 * organisation's members are serialised by a row lock on it.
 */
@Service
@Transactional
public class Memberships {

	/** The vault field of the invitee's sealed address. */
	static final String INVITEE_EMAIL = "invitee_email";

	private final MembershipRepository memberships;
	private final InvitationRepository invitations;
	private final OrganizationRepository organizationRows;
	private final ContractRepository contracts;
	private final Organizations organizations;
	private final Access access;
	private final Denials denials;
	private final Accounts accounts;
	private final InvitationMails mails;
	private final AccessProperties properties;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final NonCustomers nonCustomers;
	private final Vault vault;
	private final RateLimits rateLimits;
	private final RateLimits.Bucket invitationMails;
	private final TransactionTemplate inTransaction;

	/** How often one organisation may mail an invitation to one address (a revoke-and-invite loop included). */
	static final java.time.Duration INVITATION_MAIL_INTERVAL = java.time.Duration.ofMinutes(1);

	Memberships(MembershipRepository memberships, InvitationRepository invitations,
			OrganizationRepository organizationRows, ContractRepository contracts, Organizations organizations,
			Access access, Denials denials, Accounts accounts, InvitationMails mails, AccessProperties properties,
			ApplicationEventPublisher events, Clock clock, NonCustomers nonCustomers, Vault vault, RateLimits rateLimits,
			PlatformTransactionManager transactions) {
		this.vault = vault;
		this.rateLimits = rateLimits;
		this.inTransaction = new TransactionTemplate(transactions);
		this.invitationMails = rateLimits.bucket(new RateLimits.Bucket("invitation-mails", RateLimits.Scope.CLUSTER,
				RateLimits.Keys.OPAQUE, 1, INVITATION_MAIL_INTERVAL, false));
		this.nonCustomers = nonCustomers;
		this.memberships = memberships;
		this.invitations = invitations;
		this.organizationRows = organizationRows;
		this.contracts = contracts;
		this.organizations = organizations;
		this.access = access;
		this.denials = denials;
		this.accounts = accounts;
		this.mails = mails;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** The members, for anyone who may view the organisation; emails only for those who manage it. */
	// SUPPORTS: an erased member's failed profile lookup must not mark a surrounding transaction rollback-only.
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS, readOnly = true)
	public List<MemberView> members(AccountId actor, String organizationId) {
		Organization organization = organizations.find(actor, organizationId);
		boolean manager = access.decide(actor, Permission.MANAGE_MEMBERS, organizationId).allowed();
		boolean platformAdmin = access.platformAdmin(actor);
		return memberships.members(organization.id()).stream().map(member -> {
			Profile profile = manager ? profileOf(member.accountId()) : null;
			return new MemberView(member.accountId(), member.role(), member.joinedAt(),
					profile == null ? null : profile.name(), profile == null ? null : profile.email(),
					member.accountId().equals(actor), platformAdmin && access.restricted(member.accountId()));
		}).toList();
	}

	/** The organisations the account belongs to, with its role in each. */
	@Transactional(readOnly = true)
	public List<Membership> of(AccountId account) {
		return memberships.of(account);
	}

	@Transactional(readOnly = true)
	public SeatUsage seats(UUID organization) {
		Instant now = clock.instant();
		return new SeatUsage(contracts.activeSeats(organization, now), memberships.count(organization),
				invitations.pending(organization, now));
	}

	/**
	 * Mails an invitation to join as {@code role}; an admin may invite members and admins, not owners. One
	 * organisation mails one address at most once a minute, counted for all nodes (else revoking and inviting
	 * again in a loop would mail someone without end); the count is taken outside the transaction, as every
	 * {@code RateLimits} count is, so forty invitations at once do not each hold a connection while they wait for
	 * a second one.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
	public void invite(AccountId actor, String organizationId, String email, Role role) {
		access.require(actor, Permission.MANAGE_MEMBERS, organizationId);
		Organization organization = organizations.load(Access.uuid(organizationId));
		String address = email == null ? "" : email.strip();
		if (address.length() > 254 || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			throw Rejected.badRequest("email", "Enter an email address like name@example.com.");
		}
		StorableText.require("email", address);
		if (role == null) {
			throw Rejected.badRequest("role", "Choose the role: owner, admin or member.");
		}
		if (role == Role.OWNER && !ownerOrPlatformAdmin(actor, organization.id())) {
			denials.publish(actor, Permission.MANAGE_MEMBERS, organizationId, "admin-cannot-invite-owner");
			throw new Rejected(HttpStatus.FORBIDDEN, "role", "Only an owner can invite another owner.");
		}
		requireFreeSeat(organization.id()); // before counting the mail: a refusal for want of seats costs no minute
		RateLimits.Decision mail = rateLimits.take(invitationMails,
				organization.id() + ":" + accounts.accountKey(address));
		if (!mail.allowed()) {
			throw Rejected.tooMany("An invitation to this address was mailed less than a minute ago. Wait a moment "
					+ "before inviting it again.", mail.retryAfterSeconds());
		}
		inTransaction.executeWithoutResult(status -> mailInvitation(actor, organization, address, role));
	}

	private void requireFreeSeat(UUID organization) {
		SeatUsage seats = seats(organization);
		if (seats.free() <= 0) {
			throw new Rejected(HttpStatus.CONFLICT, seats.seats() == 0
					? "The organisation has no active contract, so it has no seats for members."
					: "All %d seats of the organisation's active contracts are taken (%d members, %d pending invitations)."
							.formatted(seats.seats(), seats.members(), seats.pending()));
		}
	}

	private void mailInvitation(AccountId actor, Organization organization, String address, Role role) {
		organizationRows.lock(organization.id());
		requireFreeSeat(organization.id());
		String token = Tokens.newLinkToken();
		Instant now = clock.instant();
		Instant expiresAt = now.plus(properties.invitationValidity());
		RecordKey key = new RecordKey(UUID.randomUUID());
		vault.createKey(key);
		invitations.insert(Tokens.sha256(token), organization.id(), accounts.accountKey(address),
				vault.seal(key, INVITEE_EMAIL, address), key.value(), role, actor.value(), now, expiresAt);
		// A person who restricted processing gets no mail; the inviter is not told why (that would disclose it).
		if (!accounts.accountWithEmail(address).map(access::restricted).orElse(false)) {
			mails.invitation(address, organization, role, token, expiresAt);
		}
		events.publishEvent(new MemberInvited(organization.id(), role, actor, expiresAt, now));
	}

	/** What an invitation offers (organisation and role), without spending it; empty when it cannot be used. */
	Optional<Membership> preview(String token) {
		if (token == null || token.isBlank() || token.length() > 200) {
			return Optional.empty();
		}
		return invitations.findValid(Tokens.sha256(token), clock.instant())
				.map(invitation -> new Membership(organizations.load(invitation.organizationId()), invitation.role()));
	}

	/** The signed-in person accepts an invitation sent to their email address. */
	public Membership accept(AccountId actor, String token) {
		Instant now = clock.instant();
		InvitationRepository.Pending invitation = (token == null || token.length() > 200 ? null
				: invitations.findValid(Tokens.sha256(token), now).orElse(null));
		if (invitation == null) {
			throw Rejected.badRequest("token", "This invitation is invalid, was already used or has expired. "
					+ "Please ask for a new one.");
		}
		String myKey = accounts.accountKey(accounts.profile(actor).email());
		if (!Tokens.sameSecret(myKey, invitation.emailIndex())) {
			denials.publish(actor, Permission.VIEW_ORGANIZATION, invitation.organizationId().toString(),
					"invitation-for-another-account");
			throw new Rejected(HttpStatus.FORBIDDEN, "token", "This invitation was sent to another email address. "
					+ "Sign in with that address to accept it.");
		}
		UUID organization = invitation.organizationId();
		organizationRows.lock(organization);
		if (memberships.role(organization, actor).isPresent()) {
			invitations.delete(invitation.tokenHash());
			destroyKey(invitation.emailKey());
			throw new Rejected(HttpStatus.CONFLICT, "You are already a member of this organisation.");
		}
		if (memberships.count(organization) >= contracts.activeSeats(organization, now)) {
			throw new Rejected(HttpStatus.CONFLICT, "The organisation has no free seat left. Please ask whoever "
					+ "invited you to free one or to extend the contract.");
		}
		if (!invitations.delete(invitation.tokenHash())) {
			throw Rejected.badRequest("token", "This invitation was already used.");
		}
		destroyKey(invitation.emailKey());
		memberships.insert(organization, actor, invitation.role(), now);
		nonCustomers.joined(actor, now);
		events.publishEvent(new MemberJoined(organization, actor, invitation.role(), now));
		return new Membership(organizations.load(organization), invitation.role());
	}

	/** Removes a member. Admins cannot remove owners; the last owner always stays. */
	public void remove(AccountId actor, String organizationId, AccountId member) {
		access.require(actor, Permission.MANAGE_MEMBERS, organizationId);
		UUID organization = organizations.load(Access.uuid(organizationId)).id();
		organizationRows.lock(organization);
		Role role = memberships.role(organization, member)
				.orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "This account is not a member of the organisation."));
		if (role == Role.OWNER && !ownerOrPlatformAdmin(actor, organization)) {
			denials.publish(actor, Permission.MANAGE_MEMBERS, organizationId, "admin-cannot-remove-owner");
			throw new Rejected(HttpStatus.FORBIDDEN, "Only an owner can remove another owner.");
		}
		if (role == Role.OWNER && memberships.count(organization, Role.OWNER) <= 1) {
			throw new Rejected(HttpStatus.CONFLICT,
					"The last owner cannot be removed. Invite another owner first.");
		}
		Instant now = clock.instant();
		boolean wasCustomer = nonCustomers.isCustomer(member, now);
		memberships.delete(organization, member);
		if (wasCustomer) {
			nonCustomers.removed(member, now); // their date counts from now, if this ended their being a customer
		}
		events.publishEvent(new MemberRemoved(organization, member, role, actor, now));
	}

	boolean ownerOrPlatformAdmin(AccountId actor, UUID organization) {
		return memberships.role(organization, actor).filter(role -> role == Role.OWNER).isPresent()
				|| access.platformAdmin(actor);
	}

	private Profile profileOf(AccountId account) {
		try {
			return accounts.profile(account);
		}
		catch (RuntimeException ex) {
			return null; // erased meanwhile: the member row goes with the privacy module's erasure
		}
	}

	/**
	 * The invitations not yet accepted or expired, for those who manage the organisation's members: role, dates and
	 * the invitee's address (null for an invitation older than the sealed address, which kept only a blind index).
	 */
	@Transactional(readOnly = true)
	public List<PendingInvitation> pendingInvitations(AccountId actor, String organizationId) {
		access.require(actor, Permission.MANAGE_MEMBERS, organizationId);
		Organization organization = organizations.find(actor, organizationId);
		return invitations.list(organization.id(), clock.instant()).stream().map(this::pending).toList();
	}

	PendingInvitation pending(InvitationRepository.Stored stored) {
		String email = null;
		if (stored.emailKey() != null) {
			try {
				email = vault.open(new RecordKey(stored.emailKey()), INVITEE_EMAIL, stored.sealedEmail());
			}
			catch (Vault.KeyDestroyedException ex) {
				// its row is being deleted by another transaction (accepted, revoked, the invitee erased)
			}
		}
		return new PendingInvitation(stored.tokenHash(), stored.role(), stored.sentAt(), stored.expiresAt(), email);
	}

	void destroyKey(UUID emailKey) {
		if (emailKey != null) {
			vault.destroy(new RecordKey(emailKey));
		}
	}

	/**
	 * Revokes a pending invitation at once: its link stops working. An admin may not revoke an owner's invitation
	 * (as they may not send one). Audited once, however many identical requests arrive together.
	 */
	public void revokeInvitation(AccountId actor, String organizationId, String invitationId) {
		access.require(actor, Permission.MANAGE_MEMBERS, organizationId);
		Organization organization = organizations.find(actor, organizationId);
		InvitationRepository.Stored invitation = invitations.list(organization.id(), clock.instant()).stream()
				.filter(pending -> invitationId != null && PendingInvitation.idOf(pending.tokenHash()).equals(invitationId))
				.findFirst()
				.orElseThrow(() -> Rejected.badRequest("invitation",
						"This invitation is no longer pending: it was accepted, revoked or has expired."));
		if (invitation.role() == Role.OWNER && !ownerOrPlatformAdmin(actor, organization.id())) {
			denials.publish(actor, Permission.MANAGE_MEMBERS, organizationId, "admin-cannot-revoke-owner-invitation");
			throw new Rejected(HttpStatus.FORBIDDEN, "invitation", "Only an owner can revoke an owner's invitation.");
		}
		if (invitations.revoke(organization.id(), invitation.tokenHash())) {
			destroyKey(invitation.emailKey());
			events.publishEvent(new InvitationRevoked(organization.id(), invitation.role(), actor, clock.instant()));
		}
	}

	/**
	 * An invitation not yet accepted, as the organisation's managers see it: {@code email} is the invitee's address
	 * (null for an invitation sent before Pledge kept it), left out of {@link #toString()}. Its {@link #id()} is
	 * derived from the stored token hash, which itself never leaves this class; a resend gives a new link, so a new id.
	 */
	public record PendingInvitation(String tokenHash, Role role, Instant sentAt, Instant expiresAt, String email) {

		/** A handle for pages and the API: a hash of the token's hash, useless for accepting. */
		public String id() {
			return idOf(tokenHash);
		}

		static String idOf(String tokenHash) {
			return Tokens.sha256(tokenHash).substring(0, 32);
		}

		@Override
		public String toString() {
			return "PendingInvitation[role=" + role + ", expiresAt=" + expiresAt + "]";
		}
	}

	/** Seats of the active contracts, members, and invitations not yet accepted or expired. */
	public record SeatUsage(int seats, int members, int pending) {
		public int free() {
			return seats - members - pending;
		}
	}
}
