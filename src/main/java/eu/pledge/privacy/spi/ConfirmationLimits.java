package eu.pledge.privacy.spi;

import eu.pledge.shared.AccountId;

/**
 * How often a confirmation of one kind of rights action may be mailed to one person, counted for all nodes: the
 * same request sent forty times at once (a double click, a script, a client retrying) confirms once a window
 * instead of once a request, and a repeat after the window is told again. Implemented by {@code protection} with its
 * rate limiter; without an implementation every confirmation is mailed.
 */
public interface ConfirmationLimits {

	/**
	 * Whether the confirmation {@code kind} (lower-case letters and dashes, e.g. {@code exported}) may be mailed to
	 * {@code account} now; counts it when it may.
	 */
	boolean mayConfirm(String kind, AccountId account);
}
