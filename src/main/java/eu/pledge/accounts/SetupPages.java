package eu.pledge.accounts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.Rejected;

/** The one-time set-up page behind the link printed at first start. */
@Controller
class SetupPages {

	private final AdminSetup setup;

	SetupPages(AdminSetup setup) {
		this.setup = setup;
	}

	record SetupForm(String token, String name, String email, String password) {
		@Override
		public String toString() {
			return "SetupForm[redacted]";
		}
	}

	@GetMapping("/setup")
	String form(@RequestParam(required = false) String token, Model model) {
		if (!setup.validToken(token)) {
			model.addAttribute("invalid", true);
			return "accounts/setup";
		}
		model.addAttribute("form", new SetupForm(token, "", "", ""));
		return "accounts/setup";
	}

	@PostMapping("/setup")
	String setUp(SetupForm form, Model model, RedirectAttributes redirect) {
		try {
			setup.setUp(form.token(), form.name(), form.email(), form.password());
			redirect.addFlashAttribute(Accounts.SIGN_IN_EMAIL, form.email().strip());
		}
		catch (Rejected ex) {
			if ("token".equals(ex.field())) {
				model.addAttribute("invalid", true);
				return "accounts/setup";
			}
			model.addAttribute("form", new SetupForm(form.token(), form.name(), form.email(), ""));
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("errorField", ex.field());
			return "accounts/setup";
		}
		redirect.addFlashAttribute("notice", "The administrator account is ready. Sign in with it now.");
		return "redirect:/login";
	}
}
