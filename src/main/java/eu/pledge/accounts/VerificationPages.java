package eu.pledge.accounts;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.Rejected;

/**
 * The page behind the link in the verification mail. Opening the link only shows a button; the token is spent
 * by the POST, because mail scanners fetch links before the person does.
 */
@Controller
class VerificationPages {

	static final String VIEW = "accounts/verify";

	private final Accounts accounts;

	VerificationPages(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/verify")
	String page(@RequestParam(required = false) String token, Model model) {
		model.addAttribute("token", token);
		return VIEW;
	}

	@PostMapping("/verify")
	String verify(@RequestParam(required = false) String token, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			redirect.addFlashAttribute(Accounts.SIGN_IN_EMAIL, accounts.verifyEmail(token));
		}
		catch (Rejected ex) {
			model.addAttribute("error", ex.getMessage());
			response.setStatus(ex.status().value());
			return VIEW;
		}
		redirect.addFlashAttribute("notice", "Your email address is confirmed. You can sign in now.");
		return "redirect:/login";
	}
}
