package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/**
 * What the customer rule (access) needs to know of an account, and nothing personal: whether its email was
 * confirmed, whether it is a platform administrator (the vendor's staff), when it registered, and the keyed
 * email index that pending invitations are filed under.
 */
public record Registered(AccountId id, String accountKey, boolean verified, boolean administrator,
		Instant registeredAt) {

	@Override
	public String toString() {
		return "Registered[" + id + ", verified=" + verified + ", administrator=" + administrator + "]";
	}
}
