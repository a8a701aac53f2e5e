package eu.pledge.sso;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import eu.pledge.access.AccessProperties;

/** The pages a person meets while a system signs them in through Pledge. */
@Controller
class SsoPages {

	private final AccessProperties catalogue;

	SsoPages(AccessProperties catalogue) {
		this.catalogue = catalogue;
	}

	/** Why Pledge did not sign the person in to a system: no contract of theirs includes it now. */
	@GetMapping("/sso/refused")
	String refused(@RequestParam(required = false) String system, Model model) {
		model.addAttribute("system", system != null && catalogue.systems().containsKey(system) ? system : null);
		return "sso/refused";
	}
}
