package eu.pledge.web;

import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import eu.pledge.access.Access;
import eu.pledge.accounts.Accounts;
import eu.pledge.accounts.Profile;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.HomePanel;

/**
 * The front door: everyone else sees what Pledge is; a signed-in person sees their home page: the systems they may
 * use (from their organisations' contracts), whether two-step sign-in is on, and the panels other modules add
 * ({@link HomePanel}: sessions elsewhere, recent activity).
 */
@Controller
class HomePages {

	private final Accounts accounts;
	private final Access access;
	private final List<HomePanel> panels;

	HomePages(Accounts accounts, Access access, List<HomePanel> panels) {
		this.accounts = accounts;
		this.access = access;
		this.panels = panels.stream().sorted(Comparator.comparingInt(HomePanel::order)).toList();
	}

	@GetMapping("/")
	String home(Authentication authentication, HttpServletRequest request, Model model) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return "web/home";
		}
		AccountId me = AccountId.from(authentication);
		Profile profile = accounts.profile(me);
		HttpSession session = request.getSession(false);
		String sessionId = session == null ? null : session.getId();
		model.addAttribute("name", profile.name());
		model.addAttribute("secondFactor", profile.secondFactor());
		model.addAttribute("administrator", profile.administrator());
		model.addAttribute("systems", access.effectiveAccess(me));
		model.addAttribute("panels", panels.stream().map(panel -> panel.of(me, sessionId)).toList());
		return "web/dashboard";
	}
}
