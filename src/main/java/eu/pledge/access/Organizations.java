package eu.pledge.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Permission;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableText;
import eu.pledge.shared.StorableTime;

/** Organisations and their contracts, as platform administrators manage them. Every change is an event. */
@Service
@Transactional
public class Organizations {

	static final int MAX_SEATS = 1_000_000;

	private final OrganizationRepository organizations;
	private final ContractRepository contracts;
	private final SystemCatalogue catalogue;
	private final Access access;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Organizations(OrganizationRepository organizations, ContractRepository contracts, SystemCatalogue catalogue,
			Access access, ApplicationEventPublisher events, Clock clock) {
		this.organizations = organizations;
		this.contracts = contracts;
		this.catalogue = catalogue;
		this.access = access;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Organization> list(AccountId actor) {
		access.require(actor, Permission.PLATFORM_ADMIN, null);
		return organizations.all();
	}

	/** The organisation, for anyone who may view it (a 404 for everyone else, whether or not it exists). */
	@Transactional(readOnly = true)
	public Organization find(AccountId actor, String id) {
		access.require(actor, Permission.VIEW_ORGANIZATION, id);
		return load(Access.uuid(id));
	}

	public Organization create(AccountId actor, String name) {
		access.require(actor, Permission.PLATFORM_ADMIN, null);
		Organization organization = new Organization(UUID.randomUUID(), name(name), Organization.Status.ACTIVE,
				clock.instant());
		organizations.insert(organization);
		events.publishEvent(new OrganizationCreated(organization.id(), actor, organization.createdAt()));
		return organization;
	}

	/** Renames an organisation or changes its status; a null stays as it is. */
	public Organization update(AccountId actor, String id, String name, Organization.Status status) {
		access.require(actor, Permission.PLATFORM_ADMIN, null);
		Organization current = load(Access.uuid(id));
		String newName = name == null ? current.name() : name(name);
		Organization.Status newStatus = status == null ? current.status() : status;
		Instant now = clock.instant();
		organizations.update(current.id(), newName, newStatus, now);
		events.publishEvent(new OrganizationUpdated(current.id(), newStatus, actor, now));
		return load(current.id());
	}

	@Transactional(readOnly = true)
	public List<Contract> contracts(AccountId actor, String organizationId) {
		access.require(actor, Permission.PLATFORM_ADMIN, null);
		return contracts.ofOrganization(load(Access.uuid(organizationId)).id());
	}

	public Contract addContract(AccountId actor, String organizationId, ContractTerms terms) {
		access.require(actor, Permission.PLATFORM_ADMIN, null);
		Organization organization = load(Access.uuid(organizationId));
		if (terms.startsAt() == null) {
			throw Rejected.badRequest("startsAt", "Enter when the contract starts.");
		}
		if (terms.endsAt() == null) {
			throw Rejected.badRequest("endsAt", "Enter when the contract ends.");
		}
		if (terms.seats() == null) {
			throw Rejected.badRequest("seats", "Enter the number of seats.");
		}
		if (terms.systems() == null || terms.systems().isEmpty()) {
			throw Rejected.badRequest("systems", "Choose at least one system and its access level.");
		}
		Contract contract = checked(new Contract(UUID.randomUUID(), organization.id(),
				terms.status() == null ? Contract.Status.ACTIVE : terms.status(), terms.startsAt(), terms.endsAt(),
				terms.seats(), catalogue.requireKnown(terms.systems())));
		Instant now = clock.instant();
		contracts.insert(contract, now);
		events.publishEvent(new ContractCreated(contract.id(), organization.id(), contract.status(), contract.seats(),
				actor, now));
		return contract;
	}

	public Contract updateContract(AccountId actor, String contractId, ContractTerms change) {
		access.require(actor, Permission.PLATFORM_ADMIN, null);
		UUID id = Access.uuid(contractId);
		Contract current = (id == null ? java.util.Optional.<Contract>empty() : contracts.find(id))
				.orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "There is no such contract."));
		if (current.status() == Contract.Status.ENDED && change.status() != null
				&& change.status() != Contract.Status.ENDED) {
			throw Rejected.badRequest("status", "An ended contract cannot be reopened; create a new contract instead.");
		}
		Contract updated = checked(new Contract(current.id(), current.organizationId(),
				change.status() == null ? current.status() : change.status(),
				change.startsAt() == null ? current.startsAt() : change.startsAt(),
				change.endsAt() == null ? current.endsAt() : change.endsAt(),
				change.seats() == null ? current.seats() : change.seats(),
				change.systems() == null ? current.systems() : catalogue.requireKnown(change.systems())));
		Instant now = clock.instant();
		contracts.update(updated, now);
		events.publishEvent(new ContractUpdated(updated.id(), updated.organizationId(), updated.status(),
				updated.seats(), actor, now));
		return updated;
	}

	Organization load(UUID id) {
		return (id == null ? java.util.Optional.<Organization>empty() : organizations.find(id))
				.orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "There is no such organisation."));
	}

	private static Contract checked(Contract contract) {
		StorableTime.require("startsAt", contract.startsAt());
		StorableTime.require("endsAt", contract.endsAt());
		if (!contract.endsAt().isAfter(contract.startsAt())) {
			throw Rejected.badRequest("endsAt", "The contract must end after it starts.");
		}
		if (contract.seats() < 1 || contract.seats() > MAX_SEATS) {
			throw Rejected.badRequest("seats", "Use a number of seats from 1 to " + MAX_SEATS + ".");
		}
		return contract;
	}

	private static String name(String name) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > 200) {
			throw Rejected.badRequest("name", "Enter the organisation's name (at most 200 characters).");
		}
		return StorableText.require("name", clean);
	}
}
