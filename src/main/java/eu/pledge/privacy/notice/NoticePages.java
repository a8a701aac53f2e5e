package eu.pledge.privacy.notice;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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
		model.addAttribute("purposes", notice.purposes());
		model.addAttribute("bases", notice.legalBases());
		model.addAttribute("controller", notice.controller());
		model.addAttribute("noDpo", Notice.NO_DPO);
		model.addAttribute("hosting", notice.settings().hosting());
		model.addAttribute("processors", notice.settings().processors());
		model.addAttribute("systems", notice.systems());
		model.addAttribute("outsideEea", notice.settings().outsideEea());
		model.addAttribute("authority", notice.settings().supervisoryAuthority());
		return "privacy/notice";
	}
}
