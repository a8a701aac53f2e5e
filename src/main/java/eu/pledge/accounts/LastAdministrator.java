package eu.pledge.accounts;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ErasureObjection;
import eu.pledge.privacy.spi.ErasureObjections;
import eu.pledge.shared.AccountId;

/**
 * The last platform administrator cannot erase their account: nobody would be left to administer Pledge (and only
 * a fresh set-up link on the console could make a new one). Another administrator must exist first.
 */
@Component
class LastAdministrator implements ErasureObjections {

	private static final String ADMIN = "ADMIN";

	private final AccountRepository accounts;

	LastAdministrator(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public List<ErasureObjection> objectionsTo(AccountId account) {
		boolean administrator = accounts.find(account.value()).map(stored -> stored.roleSet().contains(ADMIN))
				.orElse(false);
		if (!administrator || accounts.countWithRole(ADMIN) > 1) {
			return List.of();
		}
		return List.of(new ErasureObjection("last-administrator",
				"You are the last platform administrator. Make another account an administrator first, then erase yours.",
				List.of()));
	}
}
