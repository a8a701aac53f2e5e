package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/**
 * An account as the administrators' console shows it: name and email opened from the vault for this row only.
 *
 * @param lastSignIn the last completed sign-in, or null when there was none since the console existed
 */
public record AccountSummary(AccountId id, String name, String email, boolean verified, boolean twoStep,
		boolean administrator, boolean disabled, Instant registeredAt, Instant lastSignIn,
		java.util.List<String> methods) {

	/** How an administrator's page names the account: "Name (email)", or the name alone when there is no email. */
	public String label() {
		return email == null ? name : name + " (" + email + ")";
	}

	@Override
	public String toString() {
		return "AccountSummary[id=" + id + "]";
	}
}
