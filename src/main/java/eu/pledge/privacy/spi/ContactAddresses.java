package eu.pledge.privacy.spi;

import java.util.Optional;

import eu.pledge.shared.AccountId;

/** Where to confirm a rights action to the person: their current email address, while the account exists. */
public interface ContactAddresses {

	Optional<String> emailOf(AccountId account);
}
