package eu.pledge.privacy.compliance;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The compliance check for platform administrators: a page and its JSON (ComplianceRoutes: ADMIN). */
@Controller
class CompliancePages {

	private final Compliance compliance;

	CompliancePages(Compliance compliance) {
		this.compliance = compliance;
	}

	@GetMapping("/admin/compliance")
	String page(Model model) {
		model.addAttribute("report", compliance.run());
		return "privacy/compliance";
	}

	@GetMapping(path = "/api/v1/admin/compliance", produces = "application/json")
	@ResponseBody
	Compliance.Report json() {
		return compliance.run();
	}
}
