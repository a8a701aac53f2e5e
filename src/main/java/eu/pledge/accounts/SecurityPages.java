package eu.pledge.accounts;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * The password and second-factor page: change the password, and turn two-step sign-in off. Setting it up is
 * {@link TotpEnrolmentPages}'s.
 */
@Controller
class SecurityPages {

	static final String VIEW = "accounts/security";

	private final Accounts accounts;
	private final Credentials credentials;
	private final PasswordProperties passwords;
	private final Passkeys passkeys;

	SecurityPages(Accounts accounts, Credentials credentials, PasswordProperties passwords, Passkeys passkeys) {
		this.passkeys = passkeys;
		this.accounts = accounts;
		this.credentials = credentials;
		this.passwords = passwords;
	}

	record PasswordForm(@NotBlank(message = "Enter your current password.") String currentPassword,
			@NotBlank(message = "Choose a new password.") String newPassword) {

		@Override
		public String toString() {
			return "PasswordForm[redacted]";
		}
	}

	record RemoveTotpForm(@NotBlank(message = "Enter your current password.") String currentPassword) {

		@Override
		public String toString() {
			return "RemoveTotpForm[redacted]";
		}
	}

	@GetMapping("/account/security")
	String page(Authentication authentication, Model model) {
		return view(AccountId.from(authentication), model);
	}

	@PostMapping("/account/password")
	String changePassword(Authentication authentication, @Valid @ModelAttribute("passwordForm") PasswordForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		AccountId id = AccountId.from(authentication);
		String view = view(id, model);
		if (result.hasErrors()) {
			return FormRefusals.invalid(result, model, response, view);
		}
		try {
			credentials.changePassword(id, form.currentPassword(), form.newPassword());
		}
		catch (Rejected ex) {
			return FormRefusals.refused(ex, result, model, response, view);
		}
		redirect.addFlashAttribute("notice", "Your password is changed.");
		return "redirect:/account/security";
	}

	@PostMapping("/account/totp/remove")
	String removeTotp(Authentication authentication, @Valid @ModelAttribute("removeForm") RemoveTotpForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		AccountId id = AccountId.from(authentication);
		String view = view(id, model);
		if (result.hasErrors()) {
			return FormRefusals.invalid(result, model, response, view);
		}
		try {
			credentials.removeTotp(id, form.currentPassword());
		}
		catch (Rejected ex) {
			return FormRefusals.refused(ex, result, model, response, view);
		}
		redirect.addFlashAttribute("notice", "Two-step sign-in is off. Signing in needs only your password now.");
		return "redirect:/account/security";
	}

	/** Fills what the page shows besides the forms; a form already in the model (a refused one) is kept. */
	String view(AccountId id, Model model) {
		boolean secondFactor = accounts.profile(id).secondFactor();
		model.addAttribute("passkeys", passkeys.list(id));
		model.addAttribute("passkeysUnconfirmed", passkeys.unconfirmed(id));
		model.addAttribute("passkeyOnly", !passkeys.methods(id).contains(Passkeys.Method.PASSWORD));
		model.addAttribute("secondFactor", secondFactor);
		model.addAttribute("remainingCodes", secondFactor ? credentials.remainingRecoveryCodes(id) : 0L);
		model.addAttribute("passwordHint", "At least " + passwords.minLength() + " characters.");
		if (!model.containsAttribute("passwordForm")) {
			model.addAttribute("passwordForm", new PasswordForm(null, null));
		}
		if (!model.containsAttribute("removeForm")) {
			model.addAttribute("removeForm", new RemoveTotpForm(null));
		}
		return VIEW;
	}
}
