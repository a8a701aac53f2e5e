package eu.pledge.privacy.notice;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import eu.pledge.privacy.inventory.Purpose;

/** The public privacy notice, {@code GET /privacy}: the policy's structure, filled from the inventory. */
@Controller
class NoticePages {

	private final Notice notice;

	NoticePages(Notice notice) {
		this.notice = notice;
	}

	@GetMapping("/privacy")
	String notice(Model model) {
		model.addAttribute("sections", notice.sections());
		model.addAttribute("purposes", Purpose.values());
		model.addAttribute("controller", notice.controller());
		return "privacy/notice";
	}
}
