package eu.pledge.access;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import eu.pledge.accounts.Registered;
import eu.pledge.access.NonCustomerRepository.OrganizationFacts;
import eu.pledge.shared.AccountId;

/**
 * The one definition of "a customer": an account is one while it belongs to an organisation with a contract in force
 * (the organisation active, the contract {@code ACTIVE} and begun, not yet ended), while it is a platform
 * administrator (the vendor's staff), or while it is joining: an invitation to its address pending, its registration
 * not yet confirmed (both have their own shorter lifetimes). Everyone else has a {@link Departure}: since when and why
 * they are not one, read from the data.
 */
@Component
class CustomerRule {

	private final NonCustomerRepository facts;

	CustomerRule(NonCustomerRepository facts) {
		this.facts = facts;
	}

	/** Of a page of accounts, the ids of those that are not customers at {@code now}. */
	Set<AccountId> nonCustomers(List<Registered> accounts, Instant now) {
		List<Registered> candidates = accounts.stream().filter(account -> account.verified() && !account.administrator())
				.toList();
		Set<UUID> customers = facts.customersAmong(candidates.stream().map(account -> account.id().value()).toList(), now);
		Set<String> invited = facts.invitedAmong(candidates.stream().map(Registered::accountKey).toList(), now);
		Set<AccountId> nonCustomers = new java.util.LinkedHashSet<>();
		for (Registered account : candidates) {
			if (!customers.contains(account.id().value()) && !invited.contains(account.accountKey())) {
				nonCustomers.add(account.id());
			}
		}
		return nonCustomers;
	}

	boolean isCustomer(Registered account, Instant now) {
		return nonCustomers(List.of(account), now).isEmpty();
	}

	/**
	 * Why and since when the account (not a customer) is not one, from the data alone: the latest moment any of its
	 * organisations stopped being a customer (a closing counts from the closing; a contract from its end, or from the
	 * moment it was ended or suspended early), not before the account joined it; with no organisation, its
	 * registration. A removal leaves no trace here: {@link NonCustomers#removed} records it when it happens.
	 */
	Departure departure(Registered account, Instant now) {
		Map<UUID, Departure> byOrganization = new LinkedHashMap<>();
		Map<UUID, List<OrganizationFacts>> rows = new HashMap<>();
		for (OrganizationFacts row : facts.organizationsOf(account.id(), now)) {
			rows.computeIfAbsent(row.organization(), id -> new java.util.ArrayList<>()).add(row);
		}
		rows.forEach((organization, contracts) -> byOrganization.put(organization, ofOrganization(contracts, now)));
		return byOrganization.values().stream().max(Comparator.comparing(Departure::stoppedAt))
				.orElseGet(() -> new Departure(Departure.Reason.NEVER_JOINED, account.registeredAt()));
	}

	private static Departure ofOrganization(List<OrganizationFacts> contracts, Instant now) {
		OrganizationFacts first = contracts.get(0);
		Departure ended = new Departure(Departure.Reason.CONTRACT_ENDED, first.joinedAt());
		for (OrganizationFacts contract : contracts) {
			if (contract.contractStatus() == null) {
				continue;
			}
			// an active contract counts to its end date; one ended or suspended early, from that change
			Instant end = contract.contractStatus() == Contract.Status.ACTIVE ? contract.contractEndsAt()
					: min(contract.contractEndsAt(), contract.contractUpdatedAt());
			if (end.isAfter(ended.stoppedAt())) {
				ended = new Departure(contract.contractStatus() == Contract.Status.SUSPENDED
						? Departure.Reason.CONTRACT_SUSPENDED : Departure.Reason.CONTRACT_ENDED, end);
			}
		}
		if (first.status() == Organization.Status.CLOSED) {
			Instant closed = first.closedAt() == null ? now : first.closedAt();
			if (closed.isBefore(ended.stoppedAt())) {
				return new Departure(Departure.Reason.ORGANIZATION_CLOSED, max(closed, first.joinedAt()));
			}
		}
		return ended;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}
}
