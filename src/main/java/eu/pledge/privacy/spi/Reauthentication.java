package eu.pledge.privacy.spi;

import eu.pledge.shared.AccountId;

/**
 * Proves, once more, that the person at the keyboard owns the account before something irreversible (erasure)
 * happens: the password, and the second factor when one is enrolled. Implemented by the module that holds the
 * credentials, so {@code privacy} never sees a hash.
 */
public interface Reauthentication {

	/**
	 * Checks the password and, when the account has a second factor, the code (TOTP or a recovery code).
	 * Commits on its own: a spent recovery code stays spent even when the caller then refuses.
	 *
	 * @throws eu.pledge.shared.Rejected 400 naming the field ({@code password} or {@code code}) at fault
	 */
	void confirm(AccountId account, String password, String code);
}
