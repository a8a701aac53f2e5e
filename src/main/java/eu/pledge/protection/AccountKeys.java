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
}
