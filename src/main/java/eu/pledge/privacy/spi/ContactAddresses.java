package eu.pledge.privacy.spi;

import java.util.Optional;

import eu.pledge.shared.AccountId;

/** Where to confirm a rights action to the person: their current email address, while the account exists. */
public interface ContactAddresses {

	Optional<String> emailOf(AccountId account);

	/**
	 * Takes the account's row until the surrounding transaction ends, so that rights actions on it take turns (an
	 * erasure sent twice at once erases and confirms once); false when the account no longer exists.
	 */
	boolean hold(AccountId account);
}
