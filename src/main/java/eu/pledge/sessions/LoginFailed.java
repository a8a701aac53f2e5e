package eu.pledge.sessions;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A sign-in attempt failed. The person was told only "email or password not correct"; the reason is for the
 * audit trail and the monitor.
 *
 * @param accountId the account the email belongs to, or null when no account has it
 */
public record LoginFailed(AccountId accountId, Reason reason, Instant occurredAt) implements Auditable {

	/** The actor is unknown (whoever typed the password); the target is the account, when there is one. */
	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(null, "login.failed", "account", accountId == null ? null : accountId.toString(),
				AuditEntry.Outcome.FAILURE, java.util.Map.of("reason", reason.name()));
	}

	public enum Reason {
		UNKNOWN_ACCOUNT, WRONG_PASSWORD, UNVERIFIED, WRONG_SECOND_FACTOR, DISABLED,
		/** A passkey's answer at a sign-in without password did not verify (or no account has the passkey). */
		WRONG_PASSKEY,
		/** A passkey's sign counter went back: a cloned authenticator (also as the second step). */
		CLONED_PASSKEY,
		/** The right password of an account that signs in with a passkey only. */
		PASSKEY_ONLY
	}
}
