package eu.pledge.sso;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.AccountId;

/** "Apps": the systems a person is signed in to through Pledge, what each received, and signing out of one. */
@Controller
class AppsPages {

	private final SignedInApps apps;

	AppsPages(SignedInApps apps) {
		this.apps = apps;
	}

	@GetMapping("/account/apps")
	String list(Authentication authentication, Model model) {
		model.addAttribute("apps", apps.of(AccountId.from(authentication)));
		return "sso/apps";
	}

	@PostMapping("/account/apps/{system}/sign-out")
	String signOut(Authentication authentication, @PathVariable String system, RedirectAttributes redirect) {
		apps.signOut(AccountId.from(authentication), system);
		redirect.addFlashAttribute("notice", "You are signed out of " + system + ". Its tokens no longer work.");
		return "redirect:/account/apps";
	}
}
