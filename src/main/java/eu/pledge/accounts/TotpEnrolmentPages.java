package eu.pledge.accounts;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

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
 * Setting up two-step sign-in: start (a new secret), scan the QR code, type a code to prove it works, and
 * see the recovery codes once.
 */
@Controller
class TotpEnrolmentPages {

	static final String VIEW = "accounts/totp";

	private final Credentials credentials;

	TotpEnrolmentPages(Credentials credentials) {
		this.credentials = credentials;
	}

	record CodeForm(@NotBlank(message = "Enter the 6-digit code from your app.") @Size(max = 20, message = "Enter the 6-digit code from your app.") String code) {
		@Override
		public String toString() {
			return "CodeForm[redacted]";
		}
	}

	@PostMapping("/account/totp")
	String start(Authentication authentication, RedirectAttributes redirect) {
		try {
			credentials.startTotp(AccountId.from(authentication));
		}
		catch (Rejected ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/account/security";
		}
		return "redirect:/account/totp";
	}

	@GetMapping("/account/totp")
	String enrolment(Authentication authentication, Model model) {
		model.addAttribute("form", new CodeForm(""));
		return show(AccountId.from(authentication), model).orElse("redirect:/account/security");
	}

	/**
	 * The recovery codes are rendered from this POST instead of after a redirect: a flash attribute would
	 * put them into the session table, and they must exist nowhere but on this page.
	 */
	@PostMapping("/account/totp/confirm")
	String confirm(Authentication authentication, @Valid @ModelAttribute("form") CodeForm form, BindingResult result,
			Model model, HttpServletResponse response) {
		AccountId id = AccountId.from(authentication);
		if (result.hasErrors()) {
			return show(id, model).map(view -> FormRefusals.invalid(result, model, response, view)).orElse("redirect:/account/security");
		}
		List<String> codes;
		try {
			codes = credentials.confirmTotp(id, form.code());
		}
		catch (Rejected ex) {
			return show(id, model).map(view -> FormRefusals.refused(ex, result, model, response, view))
					.orElse("redirect:/account/security");
		}
		model.addAttribute("codes", codes);
		return "accounts/recovery-codes";
	}

	/** The enrolment page, or nothing when no set-up is under way (never started, or already finished). */
	private Optional<String> show(AccountId id, Model model) {
		return credentials.pendingTotp(id).map(enrolment -> {
			model.addAttribute("enrolment", enrolment);
			model.addAttribute("secretForTyping", enrolment.secret().replaceAll("(.{4})(?!$)", "$1 "));
			return VIEW;
		});
	}
}
