package eu.pledge.sso;

import java.util.List;

import eu.pledge.shared.AccountId;

/**
 * Told after a person signed out of one system from their apps page or the API: the authorizations named are
 * already deleted (their tokens stop at once); what remains is telling the system (back-channel logout). A
 * stand-in until the lead engineer's {@code Logouts.signedOutOf} replaces it.
 */
interface AppSignOuts {

	void signedOut(AccountId account, String system, List<String> authorizationIds);
}
