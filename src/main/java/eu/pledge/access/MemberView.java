package eu.pledge.access;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/**
 * A member as the organisation's managers see them: the email only for those who manage members (null for
 * everyone else, and when the account was erased). {@link #toString()} leaves it out.
 */
public record MemberView(AccountId accountId, Role role, Instant joinedAt, String email) {

	@Override
	public String toString() {
		return "MemberView[accountId=" + accountId + ", role=" + role + "]";
	}
}
