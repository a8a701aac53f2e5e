package eu.pledge.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The front door: signed-in people go to their account, everyone else sees what Pledge is. */
@Controller
class HomePages {

	@GetMapping("/")
	String home(Authentication authentication) {
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			return "redirect:/account";
		}
		return "web/home";
	}
}
