package eu.pledge.accounts;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Storable;

/**
 * Changing the email address: asked for while signed in, confirmed through the link mailed to the new address
 * (which may be opened on another device, signed out). The link page only shows a button, like verification.
 */
@Controller
class EmailChangePages {

	static final String VIEW = "accounts/email";
	static final String CONFIRM_VIEW = "accounts/email-confirm";

	private final Accounts accounts;

	EmailChangePages(Accounts accounts) {
		this.accounts = accounts;
	}

	record EmailForm(
			@NotBlank(message = "Enter the new email address.") @Size(max = 254, message = "Use at most 254 characters.") @Storable String email,
			@NotBlank(message = "Enter your current password.") String currentPassword) {

		@Override
		public String toString() {
			return "EmailForm[redacted]";
		}
	}

	@GetMapping("/account/email")
	String form(Authentication authentication, Model model) {
		model.addAttribute("current", accounts.profile(AccountId.from(authentication)).email());
		model.addAttribute("form", new EmailForm("", null));
		return VIEW;
	}

	@PostMapping("/account/email")
	String change(Authentication authentication, @Valid @ModelAttribute("form") EmailForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		AccountId id = AccountId.from(authentication);
		model.addAttribute("current", accounts.profile(id).email());
		if (result.hasErrors()) {
			return FormRefusals.invalid(result, model, response, VIEW);
		}
		try {
			accounts.requestEmailChange(id, form.email(), form.currentPassword());
		}
		catch (Rejected ex) {
			return FormRefusals.refused(ex, result, model, response, VIEW);
		}
		redirect.addFlashAttribute("notice",
				"We sent a link to the new address. The change takes effect when you open it; until then your current address stays in use.");
		return "redirect:/account";
	}

	@GetMapping("/email/confirm")
	String confirmation(@RequestParam(required = false) String token, Model model) {
		model.addAttribute("token", token);
		return CONFIRM_VIEW;
	}

	@PostMapping("/email/confirm")
	String confirm(@RequestParam(required = false) String token, Authentication authentication, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		String email;
		try {
			email = accounts.confirmEmailChange(token);
		}
		catch (Rejected ex) {
			model.addAttribute("error", ex.getMessage());
			response.setStatus(ex.status().value());
			return CONFIRM_VIEW;
		}
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
			redirect.addFlashAttribute("notice", "Your email address is changed. Sign in with the new one.");
			redirect.addFlashAttribute(Accounts.SIGN_IN_EMAIL, email);
			return "redirect:/login";
		}
		redirect.addFlashAttribute("notice", "Your email address is changed.");
		return "redirect:/account";
	}
}
