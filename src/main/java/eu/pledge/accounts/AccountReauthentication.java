package eu.pledge.accounts;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.Reauthentication;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * Confirms the password (Argon2id, one verification whatever the outcome) and, when enrolled, the second
 * factor, before the privacy module erases an account. Its own transaction: a recovery code spent here stays
 * spent, and its audit entry is written before the erasure pseudonymises the trail.
 */
@Component
class AccountReauthentication implements Reauthentication {

	private final AccountRepository accounts;
	private final CurrentPasswords currentPasswords;
	private final Credentials credentials;

	AccountReauthentication(AccountRepository accounts, CurrentPasswords currentPasswords, Credentials credentials) {
		this.accounts = accounts;
		this.currentPasswords = currentPasswords;
		this.credentials = credentials;
	}

	@Override
	@Transactional(propagation = Propagation.NOT_SUPPORTED) // the check runs outside any (CurrentPasswords)
	public void confirm(AccountId id, String password, String code) {
		StoredAccount account = accounts.find(id.value()).orElseThrow(
				() -> new Rejected(org.springframework.http.HttpStatus.NOT_FOUND, "This account no longer exists."));
		// Asked for before anything is checked, so a missing code is no guess and tells nothing of the password.
		if (account.secondFactor() && (code == null || code.isBlank())) {
			throw Rejected.badRequest("code", "Enter the code from your authenticator app, or one of your recovery codes.");
		}
		currentPasswords.check(account, password, "password", "Your password is not correct.", () -> {
			if (account.secondFactor() && !credentials.checkSecondFactor(id, code.strip())) {
				throw Rejected.badRequest("code", "This code is not correct. Use the next code from your app.");
			}
		});
	}
}
