package eu.pledge.sessions;

import java.util.Optional;

import org.springframework.stereotype.Component;

import eu.pledge.accounts.Accounts;
import eu.pledge.protection.AccountKeys;
import eu.pledge.shared.AccountId;

/** The sign-in counts attempts under the account's email key; this gives protection the same key by account id. */
@Component
class SignInKeys implements AccountKeys {

	private final Accounts accounts;

	SignInKeys(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public Optional<String> keyOf(AccountId account) {
		return accounts.accountKeyOf(account);
	}

	@Override
	public boolean hold(AccountId account) {
		return accounts.hold(account);
	}
}
