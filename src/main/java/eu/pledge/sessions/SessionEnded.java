package eu.pledge.sessions;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** A session of the account ended before its time ran out. */
public record SessionEnded(AccountId accountId, Reason reason, Instant occurredAt) {

	public enum Reason {
		/** The person signed out. */
		SIGNED_OUT,
		/** The person ended it from their session list. */
		REVOKED,
		/** The password was changed or reset. */
		PASSWORD_CHANGED,
		/** The absolute lifetime ran out. */
		EXPIRED
	}
}
