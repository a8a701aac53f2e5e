package eu.pledge.sessions;

import org.springframework.stereotype.Service;

import eu.pledge.shared.AccountId;

/**
 * Ending sessions from outside the sessions module (Secure Patrol's {@code end-sessions} response), and the one
 * pseudonym by which other modules may name a session: the handle of the session list, a hash of the session id
 * that cannot be turned back into a cookie. Each ended session is a {@link SessionEnded} event with reason
 * {@code PATROL}, and the person is mailed (unless their processing is restricted).
 */
@Service
public class SessionTermination {

	private final SessionList sessions;
	private final SessionMails mails;

	SessionTermination(SessionList sessions, SessionMails mails) {
		this.sessions = sessions;
		this.mails = mails;
	}

	/** The pseudonym of a session id: what a detection may store instead of the bearer secret itself. */
	public static String pseudonym(String sessionId) {
		return SessionList.handle(sessionId);
	}

	/** Ends every session of the account; returns how many there were. */
	public int endAll(AccountId account) {
		int ended = sessions.endAllExcept(account, null, SessionEnded.Reason.PATROL);
		if (ended > 0) {
			mails.sessionsEnded(account, ended);
		}
		return ended;
	}

	/** Ends the account's session with this pseudonym; false when there is none (ended already, or not theirs). */
	public boolean end(AccountId account, String pseudonym) {
		boolean ended = sessions.end(account, pseudonym, SessionEnded.Reason.PATROL);
		if (ended) {
			mails.sessionsEnded(account, 1);
		}
		return ended;
	}
}
