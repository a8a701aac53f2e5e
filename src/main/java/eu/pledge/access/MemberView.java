package eu.pledge.access;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/**
 * A member as the organisation's managers see them: name and email only for those who manage members (null for
 * everyone else, and when the account was erased). {@link #toString()} leaves them out.
 *
 * @param you whether the member is the one asking (pages say "you")
 * @param restricted whether the member restricted the processing of their data (shown to platform
 *        administrators only, who cannot lift it; false for everyone else)
 */
public record MemberView(AccountId accountId, Role role, Instant joinedAt, String name, String email, boolean you,
		boolean restricted) {

	@Override
	public String toString() {
		return "MemberView[accountId=" + accountId + ", role=" + role + "]";
	}
}
