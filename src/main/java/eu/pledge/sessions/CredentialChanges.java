package eu.pledge.sessions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import eu.pledge.accounts.PasswordChanged;
import eu.pledge.accounts.SecondFactorEnabled;

/**
 * What a credential change does to sessions. A new password ends the sessions the old one opened: all of
 * them after a reset, all but the current one after a change by the signed-in person. A change of
 * credentials is a change of privilege, so the current session also gets a new id. Runs synchronously in the
 * request that made the change, so no other session outlives it even for a moment.
 */
@Component
class CredentialChanges {

	private final SessionList sessions;

	CredentialChanges(SessionList sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void on(PasswordChanged event) {
		HttpServletRequest request = currentRequest();
		HttpSession current = request == null ? null : request.getSession(false);
		String keep = event.how() == PasswordChanged.How.CHANGED && current != null ? current.getId() : null;
		sessions.endAllExcept(event.accountId(), keep, SessionEnded.Reason.PASSWORD_CHANGED);
		if (keep != null) {
			request.changeSessionId();
		}
	}

	@EventListener
	void on(SecondFactorEnabled event) {
		HttpServletRequest request = currentRequest();
		if (request != null && request.getSession(false) != null) {
			request.changeSessionId();
		}
	}

	private static HttpServletRequest currentRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest() : null;
	}
}
