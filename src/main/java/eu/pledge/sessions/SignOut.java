package eu.pledge.sessions;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Component;

import eu.pledge.shared.AccountId;

/** Ends the current session on the server (the row is deleted), not just in the browser. */
@Component
class SignOut {

	private final ApplicationEventPublisher events;
	private final Clock clock;

	SignOut(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	void signOut(HttpServletRequest request, HttpServletResponse response) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		HttpSession session = request.getSession(false);
		if (authentication != null && authentication.isAuthenticated() && session != null
				&& !"anonymousUser".equals(authentication.getName())) {
			events.publishEvent(new SessionEnded(AccountId.from(authentication), SessionEnded.Reason.SIGNED_OUT,
					clock.instant()));
		}
		new SecurityContextLogoutHandler().logout(request, response, authentication);
	}
}
