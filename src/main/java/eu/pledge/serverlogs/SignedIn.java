package eu.pledge.serverlogs;

import jakarta.servlet.ServletRequest;

import eu.pledge.shared.AccountId;

/**
 * The account a request was made by, as the access log records it: known once the security chain has run (a
 * filter outside it asks after the chain returned); null for anyone not signed in and for a request the chain
 * refused.
 */
public final class SignedIn {

	private SignedIn() {
	}

	public static AccountId account(ServletRequest request) {
		return request.getAttribute(SignedInAccountFilter.ATTRIBUTE) instanceof AccountId account ? account : null;
	}
}
