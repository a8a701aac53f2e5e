package eu.pledge.accounts;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.Rejected;

/**
 * Resetting a forgotten password by mail. Asking always gets the same answer, so the form tells nobody
 * whether an address has an account. A rejected new password leaves the link usable.
 */
@Controller
class PasswordResetPages {

	static final String REQUEST_VIEW = "accounts/password-reset";
	static final String RESET_VIEW = "accounts/password-reset-confirm";

	private final Credentials credentials;
	private final PasswordProperties passwords;

	PasswordResetPages(Credentials credentials, PasswordProperties passwords) {
		this.credentials = credentials;
		this.passwords = passwords;
	}

	record ResetRequestForm(
			@NotBlank(message = "Enter your email address.") @Size(max = 254, message = "Use at most 254 characters.") String email) {

		@Override
		public String toString() {
			return "ResetRequestForm[redacted]";
		}
	}

	record ResetForm(String token, String password) {

		@Override
		public String toString() {
			return "ResetForm[redacted]";
		}
	}

	@GetMapping("/password-reset")
	String requestForm(Model model) {
		model.addAttribute("form", new ResetRequestForm(""));
		return REQUEST_VIEW;
	}

	@PostMapping("/password-reset")
	String request(@Valid @ModelAttribute("form") ResetRequestForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (result.hasErrors()) {
			return FormRefusals.invalid(result, model, response, REQUEST_VIEW);
		}
		credentials.requestPasswordReset(form.email());
		redirect.addFlashAttribute("notice",
				"If this address has an account, a reset link is on its way. It works for 30 minutes.");
		return "redirect:/password-reset";
	}

	@GetMapping("/password-reset/confirm")
	String resetForm(@RequestParam(required = false) String token, Model model) {
		model.addAttribute("form", new ResetForm(token, null));
		return resetView(model);
	}

	@PostMapping("/password-reset/confirm")
	String reset(@ModelAttribute("form") ResetForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			redirect.addFlashAttribute(Accounts.SIGN_IN_EMAIL, credentials.resetPassword(form.token(), form.password()));
		}
		catch (Rejected ex) {
			if (!"password".equals(ex.field())) {
				// The link itself is spent, expired or wrong: no form, only the way to a new link.
				model.addAttribute("error", ex.getMessage());
				response.setStatus(ex.status().value());
				return resetView(model);
			}
			return FormRefusals.refused(ex, result, model, response, resetView(model));
		}
		redirect.addFlashAttribute("notice",
				"Your password was changed and you were signed out everywhere. Sign in with the new one.");
		return "redirect:/login";
	}

	private String resetView(Model model) {
		model.addAttribute("passwordHint", "At least " + passwords.minLength() + " characters.");
		return RESET_VIEW;
	}
}
