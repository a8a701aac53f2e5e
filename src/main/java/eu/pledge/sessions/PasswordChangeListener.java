package eu.pledge.sessions;

import jakarta.servlet.http.HttpSession;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import eu.pledge.accounts.PasswordChanged;

/**
 * A new password ends the sessions the old one opened. Runs synchronously in the request that changed the
 * password, so a change by the signed-in person can keep that very session, and no session outlives a reset
 * even for a moment.
 */
@Component
class PasswordChangeListener {

	private final SessionList sessions;

	PasswordChangeListener(SessionList sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void on(PasswordChanged event) {
		String keep = event.how() == PasswordChanged.How.CHANGED ? currentSessionId() : null;
		sessions.endAllExcept(event.accountId(), keep, SessionEnded.Reason.PASSWORD_CHANGED);
	}

	private static String currentSessionId() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpSession session = attributes.getRequest().getSession(false);
			return session == null ? null : session.getId();
		}
		return null;
	}
}
