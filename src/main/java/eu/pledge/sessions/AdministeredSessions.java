package eu.pledge.sessions;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.accounts.AccountDisabled;
import eu.pledge.shared.AccountId;

/**
 * A person's sessions as a platform administrator sees and ends them from the console, named by the same handle
 * as the person's own list (a hash of the session id, never the cookie). Disabling an account ends its sessions
 * in the request that disables it, right after the decision commits (sign-in is refused from that commit on).
 * Not inside the disabling transaction: Spring Session deletes in a transaction of its own, and forty requests
 * disabling one account at once would each hold a connection waiting for the row the first one holds.
 */
@Service
public class AdministeredSessions {

	/** A session of the account: where it came from (a browser summary) and when. */
	public record Session(String handle, String device, Instant signedInAt, Instant lastSeen) {
	}

	private final SessionList sessions;
	private final TransactionTemplate fresh;

	AdministeredSessions(SessionList sessions, PlatformTransactionManager transactions) {
		this.sessions = sessions;
		this.fresh = new TransactionTemplate(transactions);
		this.fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public List<Session> of(AccountId account) {
		return sessions.of(account, null).stream()
				.map(entry -> new Session(entry.id(), entry.device(), entry.created(), entry.lastSeen())).toList();
	}

	/** Ends one session; false when it had ended already (or is not the account's). */
	public boolean end(AccountId account, String handle) {
		return handle != null && handle.length() <= 64 && sessions.end(account, handle, SessionEnded.Reason.ADMINISTRATOR);
	}

	public int endAll(AccountId account) {
		return sessions.endAllExcept(account, null, SessionEnded.Reason.ADMINISTRATOR);
	}

	/** Each ended session is audited in a transaction of its own (the disabling one has committed). */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(AccountDisabled disabled) {
		fresh.executeWithoutResult(status -> endAll(disabled.accountId()));
	}
}
