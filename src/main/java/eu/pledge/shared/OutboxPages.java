package eu.pledge.shared;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The outbox: mail waiting for the SMTP server (subject, attempts, last error; never recipient or body), and the
 * development outbox of mail that had no SMTP server to go to. Administrators only (see web security).
 */
@Controller
class OutboxPages {

	private static final int SHOWN = 200;

	private final Mailer mailer;
	private final MailQueue queue;
	private final DevOutbox outbox;
	private final MailProperties properties;

	OutboxPages(Mailer mailer, MailQueue queue, DevOutbox outbox, MailProperties properties) {
		this.mailer = mailer;
		this.queue = queue;
		this.outbox = outbox;
		this.properties = properties;
	}

	@GetMapping("/admin/outbox")
	String outbox(Model model) {
		model.addAttribute("smtp", mailer.usesSmtp());
		model.addAttribute("waitingCount", queue.statistics().waiting());
		model.addAttribute("waiting", queue.waiting(SHOWN));
		// "48h", "30m": Duration prints as PT48H
		model.addAttribute("giveUpAfter", properties.giveUpAfter().toString().substring(2).toLowerCase());
		model.addAttribute("mails", outbox.newest());
		return "shared/outbox";
	}
}
