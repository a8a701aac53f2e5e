package eu.pledge.access;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import eu.pledge.accounts.AccountAdministration;
import eu.pledge.sessions.AdministeredSessions;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/** The console's "People" pages: find an account by email or name, and act on one. */
@Controller
class AccountConsolePages {

	private final AccountConsole console;
	private final AccountAdministration administration;
	private final AdministeredSessions sessions;

	AccountConsolePages(AccountConsole console, AccountAdministration administration, AdministeredSessions sessions) {
		this.console = console;
		this.administration = administration;
		this.sessions = sessions;
	}

	@GetMapping("/admin/accounts")
	String list(Authentication authentication, @RequestParam(required = false) String q,
			@RequestParam(required = false) String cursor, Model model, HttpServletResponse response) {
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("me", AccountId.from(authentication));
		try {
			AccountConsole.Rows rows = console.search(AccountId.from(authentication), q, cursor);
			model.addAttribute("rows", rows.rows());
			if (rows.next() != null) {
				model.addAttribute("nextLink", UriComponentsBuilder.fromPath("/admin/accounts")
						.queryParamIfPresent("q", java.util.Optional.ofNullable(q).filter(text -> !text.isBlank()))
						.queryParam("cursor", rows.next()).encode().build().toUriString());
			}
		}
		catch (Rejected ex) {
			response.setStatus(ex.status().value());
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("invalid", ex.field());
			model.addAttribute("rows", java.util.List.of());
		}
		return "accounts/admin-accounts";
	}

	@GetMapping("/admin/accounts/{id}")
	String details(Authentication authentication, @PathVariable String id, Model model) {
		AccountId me = AccountId.from(authentication);
		model.addAttribute("details", console.details(me, id));
		model.addAttribute("me", me);
		return "accounts/admin-account";
	}

	@PostMapping("/admin/accounts/{id}/sessions/{handle}/end")
	String endSession(@PathVariable String id, @PathVariable String handle, RedirectAttributes redirect) {
		AccountId account = AccountConsole.parse(id);
		boolean ended = sessions.end(account, handle);
		redirect.addFlashAttribute("notice", ended ? "The session was ended." : "This session had already ended.");
		return back(account);
	}

	@PostMapping("/admin/accounts/{id}/sessions/end")
	String endSessions(@PathVariable String id, RedirectAttributes redirect) {
		AccountId account = AccountConsole.parse(id);
		int ended = sessions.endAll(account);
		redirect.addFlashAttribute("notice", ended == 1 ? "One session was ended." : ended + " sessions were ended.");
		return back(account);
	}

	@PostMapping("/admin/accounts/{id}/disable")
	String disable(Authentication authentication, @PathVariable String id, RedirectAttributes redirect) {
		return act(redirect, id, "The account is disabled; its sessions ended and the person was told.",
				account -> administration.disable(AccountId.from(authentication), account));
	}

	@PostMapping("/admin/accounts/{id}/enable")
	String enable(Authentication authentication, @PathVariable String id, RedirectAttributes redirect) {
		return act(redirect, id, "The account is enabled again; the person was told.",
				account -> administration.enable(AccountId.from(authentication), account));
	}

	@PostMapping("/admin/accounts/{id}/administrator")
	String makeAdministrator(Authentication authentication, @PathVariable String id, RedirectAttributes redirect) {
		return act(redirect, id, "The account is now a platform administrator.",
				account -> administration.makeAdministrator(AccountId.from(authentication), account));
	}

	@PostMapping("/admin/accounts/{id}/administrator/removal")
	String removeAdministrator(Authentication authentication, @PathVariable String id, RedirectAttributes redirect) {
		return act(redirect, id, "The account is no longer a platform administrator.",
				account -> administration.removeAdministrator(AccountId.from(authentication), account));
	}

	@PostMapping("/admin/accounts/{id}/verification")
	String resendVerification(Authentication authentication, @PathVariable String id, RedirectAttributes redirect) {
		return act(redirect, id, "A new confirmation link is on its way to the person.",
				account -> administration.resendVerification(AccountId.from(authentication), account));
	}

	@PostMapping("/admin/accounts/{id}/two-step/reset")
	String resetTwoStep(Authentication authentication, @PathVariable String id,
			@RequestParam(required = false) String password, RedirectAttributes redirect) {
		return act(redirect, id, "Two-step sign-in is off for this account; the person was told.",
				account -> administration.resetSecondFactor(AccountId.from(authentication), password, account));
	}

	private String act(RedirectAttributes redirect, String id, String notice,
			java.util.function.Consumer<AccountId> action) {
		AccountId account = AccountConsole.parse(id);
		try {
			action.accept(account);
			redirect.addFlashAttribute("notice", notice);
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("invalid", ex.field());
		}
		return back(account);
	}

	private static String back(AccountId account) {
		return "redirect:/admin/accounts/" + account;
	}
}
