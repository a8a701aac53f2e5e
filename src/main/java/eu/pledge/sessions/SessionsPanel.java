package eu.pledge.sessions;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.HomePanel;

/** The home page's word on sessions: is the person signed in anywhere else? */
@Component
class SessionsPanel implements HomePanel {

	private final SessionList sessions;

	SessionsPanel(SessionList sessions) {
		this.sessions = sessions;
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public Panel of(AccountId account, String sessionId) {
		long elsewhere = sessions.elsewhere(account, sessionId);
		String line = elsewhere == 0 ? "You are signed in only here."
				: elsewhere == 1 ? "You are also signed in on 1 other device or browser."
						: "You are also signed in on " + elsewhere + (elsewhere >= SessionList.COUNTED ? " or more" : "")
								+ " other devices or browsers.";
		return new Panel("sessions-panel", "Sessions", List.of(line), "/account/sessions",
				elsewhere == 0 ? "See your sessions" : "See or end them");
	}
}
