package eu.pledge.sessions;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.AccountId;

/** "Your sessions": where and since when the person is signed in, and ending sessions. */
@Controller
class SessionPages {

	private final SessionList sessions;

	SessionPages(SessionList sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/account/sessions")
	String list(Authentication authentication, HttpServletRequest request, Model model) {
		model.addAttribute("sessions", sessions.of(AccountId.from(authentication), SessionsApi.currentSessionId(request)));
		return "sessions/sessions";
	}

	@PostMapping("/account/sessions/{id}/end")
	String end(Authentication authentication, @PathVariable String id, RedirectAttributes redirect) {
		boolean ended = id.length() <= 64 && sessions.end(AccountId.from(authentication), id, SessionEnded.Reason.REVOKED);
		redirect.addFlashAttribute(ended ? "notice" : "error",
				ended ? "The session was ended." : "That session had already ended.");
		return "redirect:/account/sessions";
	}

	@PostMapping("/account/sessions/end-others")
	String endOthers(Authentication authentication, HttpServletRequest request, RedirectAttributes redirect) {
		int ended = sessions.endAllExcept(AccountId.from(authentication), SessionsApi.currentSessionId(request),
				SessionEnded.Reason.REVOKED);
		redirect.addFlashAttribute("notice", ended == 1 ? "1 other session was ended." : ended + " other sessions were ended.");
		return "redirect:/account/sessions";
	}
}
