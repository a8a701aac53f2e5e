package eu.pledge.shared;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The development outbox: mail that had no SMTP server to go to. Administrators only (see web security). */
@Controller
class OutboxController {

	private final Mailer mailer;
	private final DevOutbox outbox;

	OutboxController(Mailer mailer, DevOutbox outbox) {
		this.mailer = mailer;
		this.outbox = outbox;
	}

	@GetMapping("/admin/outbox")
	String outbox(Model model) {
		model.addAttribute("smtp", mailer.usesSmtp());
		model.addAttribute("mails", outbox.newest());
		return "outbox";
	}
}
