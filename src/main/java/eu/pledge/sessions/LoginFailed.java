package eu.pledge.sessions;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/**
 * A sign-in attempt failed. The person was told only "email or password not correct"; the reason is for the
 * audit trail and the monitor.
 *
 * @param accountId the account the email belongs to, or null when no account has it
 */
public record LoginFailed(AccountId accountId, Reason reason, Instant occurredAt) {

	public enum Reason {
		UNKNOWN_ACCOUNT, WRONG_PASSWORD, UNVERIFIED, WRONG_SECOND_FACTOR
	}
}
