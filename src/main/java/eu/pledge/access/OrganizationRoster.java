package eu.pledge.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.OrganizationMembers;
import eu.pledge.shared.AccountId;

/** An organisation's members for the privacy module, which tells them of a breach that affects them (Art. 34). */
@Component
class OrganizationRoster implements OrganizationMembers {

	private final OrganizationRepository organizations;
	private final MembershipRepository memberships;

	OrganizationRoster(OrganizationRepository organizations, MembershipRepository memberships) {
		this.organizations = organizations;
		this.memberships = memberships;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<List<AccountId>> membersOf(UUID organization) {
		if (organizations.find(organization).isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(memberships.members(organization).stream().map(Member::accountId).toList());
	}
}
