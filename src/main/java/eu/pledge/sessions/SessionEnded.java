package eu.pledge.sessions;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A session of the account ended before its time ran out. */
public record SessionEnded(AccountId accountId, Reason reason, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("session.ended", accountId).with("reason", reason.name());
	}

	public enum Reason {
		/** The person signed out. */
		SIGNED_OUT,
		/** The person ended it from their session list. */
		REVOKED,
		/** The password was changed or reset. */
		PASSWORD_CHANGED,
		/** Secure Patrol ended it in answer to an attack on the account or the session. */
		PATROL,
		/** A platform administrator disabled the account, or ended the session from the console. */
		ADMINISTRATOR,
		/** It reached the absolute timeout while in use (sessions that simply expire are deleted by a retention rule). */
		TIMED_OUT
	}
}
