package eu.pledge.accounts;

import java.util.Set;

import eu.pledge.shared.AccountId;

/**
 * The outcome of checking an email and password. Callers must answer every failure alike; the reason is for
 * the audit trail only.
 *
 * @param accountId the account, when one exists for the email (also on failure)
 */
public record CredentialCheck(Outcome outcome, AccountId accountId, boolean secondFactorRequired, Set<String> roles) {

	public boolean valid() {
		return outcome == Outcome.VALID;
	}

	public enum Outcome {
		VALID, UNKNOWN_ACCOUNT, WRONG_PASSWORD, UNVERIFIED, DISABLED
	}
}
