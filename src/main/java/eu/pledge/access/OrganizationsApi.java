package eu.pledge.access;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Permission;
import eu.pledge.shared.Rejected;

/** Members and invitations as organisation owners and admins use them, and "my access" for everyone. */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class OrganizationsApi {

	private final Memberships memberships;
	private final Access access;
	private final InvitationResends resends;

	OrganizationsApi(Memberships memberships, Access access, InvitationResends resends) {
		this.resends = resends;
		this.memberships = memberships;
		this.access = access;
	}

	record InvitationRequest(@NotBlank(message = "Enter the email address to invite.")
			@Size(max = 254, message = "Use at most 254 characters.") String email,
			@NotBlank(message = "Choose the role: owner, admin or member.") String role) {

		@Override
		public String toString() {
			return "InvitationRequest[role=" + role + "]";
		}
	}

	record Acceptance(@NotBlank(message = "The token from the link is missing.") @Size(max = 200) String token) {
		@Override
		public String toString() {
			return "Acceptance[redacted]";
		}
	}

	record MyOrganization(String id, String name, Role role) {
	}

	record MyAccess(List<SystemAccess> systems, List<MyOrganization> organizations) {
	}

	@PostMapping("/organizations/{id}/invitations")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, String> invite(Authentication authentication, @PathVariable String id,
			@Valid @RequestBody InvitationRequest request) {
		memberships.invite(AccountId.from(authentication), id, request.email(),
				Choices.parse(Role.class, "role", request.role()));
		return Map.of("status", "invitation-mailed", "message", "The invitation is on its way.");
	}

	@PostMapping("/invitations/acceptance")
	MyOrganization accept(Authentication authentication, @Valid @RequestBody Acceptance acceptance) {
		Membership membership = memberships.accept(AccountId.from(authentication), acceptance.token());
		return new MyOrganization(membership.organization().id().toString(), membership.organization().name(),
				membership.role());
	}

	@GetMapping("/organizations/{id}/members")
	List<MemberView> members(Authentication authentication, @PathVariable String id) {
		return memberships.members(AccountId.from(authentication), id);
	}

	/** Pending invitations: an id to revoke or resend by, role, dates and the invitee's address; never the token. */
	@GetMapping("/organizations/{id}/invitations")
	List<InvitationView> invitations(Authentication authentication, @PathVariable String id) {
		return memberships.pendingInvitations(AccountId.from(authentication), id).stream()
				.map(i -> new InvitationView(i.id(), i.role(), i.sentAt(), i.expiresAt(), i.email())).toList();
	}

	/** Mails the invitation again with a new link; the answer names the new id (the old one is gone with its link). */
	@PostMapping("/organizations/{id}/invitations/{invitationId}/resend")
	ResponseEntity<Map<String, String>> resend(Authentication authentication, @PathVariable String id,
			@PathVariable String invitationId) {
		resends.resend(AccountId.from(authentication), id, invitationId);
		return ResponseEntity.accepted().body(Map.of("status", "invitation-mailed", "message",
				"The invitation was sent again with a new link; the previous link no longer works."));
	}

	@DeleteMapping("/organizations/{id}/invitations/{invitationId}")
	ResponseEntity<Void> revoke(Authentication authentication, @PathVariable String id,
			@PathVariable String invitationId) {
		memberships.revokeInvitation(AccountId.from(authentication), id, invitationId);
		return ResponseEntity.noContent().build();
	}

	record InvitationView(String id, Role role, java.time.Instant sentAt, java.time.Instant expiresAt, String email) {
		@Override
		public String toString() {
			return "InvitationView[id=" + id + ", role=" + role + "]";
		}
	}

	@DeleteMapping("/organizations/{id}/members/{accountId}")
	ResponseEntity<Void> remove(Authentication authentication, @PathVariable String id, @PathVariable String accountId) {
		AccountId actor = AccountId.from(authentication);
		AccountId member;
		try {
			member = AccountId.of(accountId);
		}
		catch (IllegalArgumentException ex) {
			access.require(actor, Permission.MANAGE_MEMBERS, id); // strangers learn nothing, not even this
			throw new Rejected(HttpStatus.NOT_FOUND, "This account is not a member of the organisation.");
		}
		memberships.remove(actor, id, member);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/me/access")
	MyAccess myAccess(Authentication authentication) {
		AccountId me = AccountId.from(authentication);
		return new MyAccess(access.effectiveAccess(me), memberships.of(me).stream()
				.map(m -> new MyOrganization(m.organization().id().toString(), m.organization().name(), m.role()))
				.toList());
	}
}
