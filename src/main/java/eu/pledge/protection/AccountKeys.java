package eu.pledge.protection;

import java.util.Optional;

import eu.pledge.shared.AccountId;

/**
 * Translates an account into the opaque key its sign-in attempts are counted under. Protection never learns
 * emails (it depends on nothing but {@code shared}); the module that runs the sign-in, and so derives the key,
 * implements this so that a person's records can be shown and erased.
 */
public interface AccountKeys {

	/** The key, while the account exists. */
	Optional<String> keyOf(AccountId account);

	/**
	 * Takes the account's row until the surrounding transaction ends (as an erasure does before it erases); false
	 * when the account no longer exists. A sign-in takes it before it remembers the address, so it either comes
	 * before an erasure of the account (which then erases what it remembered) or after it, and remembers nothing.
	 */
	boolean hold(AccountId account);
}
