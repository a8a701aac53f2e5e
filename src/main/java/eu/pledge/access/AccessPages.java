package eu.pledge.access;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.sessions.SignInContinuation;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Permission;
import eu.pledge.shared.Rejected;

/** "My access" for everyone, the organisation page for its owners and admins, and accepting an invitation. */
@Controller
class AccessPages {

	private static final String INVALID = "This invitation link is invalid, was already used or has expired. "
			+ "Please ask whoever invited you for a new one.";

	private final Access access;
	private final Memberships memberships;
	private final Organizations organizations;
	private final SignInContinuation continuation;
	private final InvitationResends resends;

	AccessPages(Access access, Memberships memberships, Organizations organizations, SignInContinuation continuation,
			InvitationResends resends) {
		this.resends = resends;
		this.access = access;
		this.memberships = memberships;
		this.organizations = organizations;
		this.continuation = continuation;
	}

	@GetMapping("/account/access")
	String myAccess(Authentication authentication, Model model) {
		AccountId me = AccountId.from(authentication);
		model.addAttribute("systems", access.effectiveAccess(me));
		model.addAttribute("memberships", memberships.of(me));
		return "access/my-access";
	}

	@GetMapping("/organizations/{id}")
	String organization(Authentication authentication, @PathVariable String id, Model model) {
		AccountId me = AccountId.from(authentication);
		access.require(me, Permission.MANAGE_MEMBERS, id);
		Organization organization = organizations.find(me, id);
		model.addAttribute("organization", organization);
		model.addAttribute("members", memberships.members(me, id));
		model.addAttribute("seats", memberships.seats(organization.id()));
		model.addAttribute("roles", Role.values());
		model.addAttribute("invitations", memberships.pendingInvitations(me, id));
		return "access/organization";
	}

	@PostMapping("/organizations/{id}/invitations")
	String invite(Authentication authentication, @PathVariable String id, @RequestParam(required = false) String email,
			@RequestParam(required = false) String role, RedirectAttributes redirect) {
		try {
			memberships.invite(AccountId.from(authentication), id, email, Choices.parse(Role.class, "role", role));
			redirect.addFlashAttribute("notice", "The invitation is on its way.");
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex; // concealed: the same page as for an organisation that does not exist
			}
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("invalid", ex.field());
			redirect.addFlashAttribute("typed", email == null ? java.util.Map.of() : java.util.Map.of("email", email));
		}
		return "redirect:" + back(authentication, id);
	}

	@PostMapping("/organizations/{id}/invitations/{invitationId}/revocation")
	String revoke(Authentication authentication, @PathVariable String id, @PathVariable String invitationId,
			RedirectAttributes redirect) {
		try {
			memberships.revokeInvitation(AccountId.from(authentication), id, invitationId);
			redirect.addFlashAttribute("notice", "The invitation was revoked; its link no longer works.");
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + back(authentication, id);
	}

	@PostMapping("/organizations/{id}/invitations/{invitationId}/resend")
	String resend(Authentication authentication, @PathVariable String id, @PathVariable String invitationId,
			RedirectAttributes redirect) {
		try {
			resends.resend(AccountId.from(authentication), id, invitationId);
			redirect.addFlashAttribute("notice", "The invitation was sent again with a new link; the previous link no longer works.");
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + back(authentication, id);
	}

	@PostMapping("/organizations/{id}/members/{accountId}/removal")
	String remove(Authentication authentication, @PathVariable String id, @PathVariable String accountId,
			RedirectAttributes redirect) {
		try {
			UUID member = Access.uuid(accountId);
			if (member == null) {
				throw new Rejected(org.springframework.http.HttpStatus.NOT_FOUND, "There is no such member.");
			}
			memberships.remove(AccountId.from(authentication), id, new AccountId(member));
			redirect.addFlashAttribute("notice", "The member was removed.");
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + back(authentication, id);
	}

	/**
	 * "Join Acme GmbH?": names the organisation and the role without spending the invitation. Opened signed out,
	 * the page is remembered by {@link SignInContinuation} so that signing in (also after registering and
	 * confirming the address in the same browser) lands here again. The token stays out of logs and, by the
	 * same-origin referrer rule, out of the Referer sent to any other origin.
	 */
	@GetMapping("/invitations/accept")
	String acceptPage(Authentication authentication, @RequestParam(required = false) String token, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		Membership offer = memberships.preview(token).orElse(null);
		if (offer == null) {
			model.addAttribute("error", INVALID);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "access/accept";
		}
		boolean signedIn = signedIn(authentication);
		if (!signedIn) {
			continuation.remember(request, "/invitations/accept?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
		}
		model.addAttribute("offer", offer);
		model.addAttribute("signedIn", signedIn);
		model.addAttribute("token", token);
		return "access/accept";
	}

	@PostMapping("/invitations/accept")
	String accept(Authentication authentication, @RequestParam(required = false) String token, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			Membership membership = memberships.accept(AccountId.from(authentication), token);
			redirect.addFlashAttribute("notice", "You are now a member of " + membership.organization().name() + ".");
			return "redirect:/account/access";
		}
		catch (Rejected ex) {
			memberships.preview(token).ifPresent(offer -> {
				model.addAttribute("offer", offer);
				model.addAttribute("token", token);
			});
			model.addAttribute("signedIn", true);
			model.addAttribute("error", ex.getMessage());
			response.setStatus(ex.status().value());
			return "access/accept";
		}
	}

	private static boolean signedIn(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	/** Platform administrators manage members from the console; owners and admins from the organisation page. */
	private String back(Authentication authentication, String id) {
		boolean console = authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
		return (console ? "/admin/organizations/" : "/organizations/") + Access.uuid(id);
	}
}
