package eu.pledge.patrol;

import org.springframework.stereotype.Component;

import eu.pledge.sessions.SessionTermination;

/**
 * Ends sessions: all of the account's for a rule keyed by account, the one session for a rule keyed by session
 * (the detection's pseudonym is the sessions module's, so it finds the session among the account's). Rules keyed by
 * address, system or site end nothing: failures from one address naming a stranger's account must not sign that
 * stranger out. The person is mailed by the sessions module. Bounded by nature: signing in again starts afresh.
 */
@Component
class SessionEnder implements Responder {

	private final SessionTermination sessions;

	SessionEnder(SessionTermination sessions) {
		this.sessions = sessions;
	}

	@Override
	public PatrolProperties.Response response() {
		return PatrolProperties.Response.END_SESSIONS;
	}

	@Override
	public Long respond(Answer answer) {
		Detection detection = answer.detection();
		if (detection.account() == null) {
			return null; // a session without an account is not signed in: nothing to end
		}
		switch (answer.settings().key()) {
			case ACCOUNT -> sessions.endAll(detection.account());
			case SESSION -> sessions.end(detection.account(), answer.key());
			default -> {
			}
		}
		return null;
	}
}
