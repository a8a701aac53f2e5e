package eu.pledge.privacy.spi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import eu.pledge.shared.AccountId;

/**
 * The accounts that belong to an organisation, for telling the people a personal-data breach affects (GDPR
 * Art. 34). Implemented by the module that owns memberships.
 */
public interface OrganizationMembers {

	/** The organisation's members now, or empty when there is no such organisation. */
	Optional<List<AccountId>> membersOf(UUID organization);
}
