package eu.pledge.privacy.breaches;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.ContactAddresses;
import eu.pledge.privacy.spi.OrganizationMembers;
import eu.pledge.privacy.spi.SignIns;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Mailer;
import eu.pledge.shared.Rejected;

/**
 * Telling the people a high-risk breach affects (Art. 34 GDPR). Each chosen account gets the notice once, through
 * the mail queue, at the address its account has when it is sent; restricted accounts too, since this is a legal
 * duty and not processing they can stop. The breach's row is locked while its notices go out, so the same request
 * sent many times at once mails each person once.
 */
@Service
@Transactional
class BreachNotices {

	static final int MAX_ACCOUNT_IDS = 10_000;
	static final int LIST_LIMIT = 1000;

	/** What one "notify" did. */
	record Outcome(int selected, int notified, int alreadyNotified, int withoutAddress) {
	}

	/** One person told, as shown to administrators (an erased account shows no id). */
	record Told(String account, Instant notifiedAt) {
	}

	private final Breaches breaches;
	private final BreachRepository repository;
	private final BreachTexts texts;
	private final Mailer mailer;
	private final ObjectProvider<ContactAddresses> addresses;
	private final ObjectProvider<OrganizationMembers> organizations;
	private final ObjectProvider<SignIns> signIns;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	BreachNotices(Breaches breaches, BreachRepository repository, BreachTexts texts, Mailer mailer,
			ObjectProvider<ContactAddresses> addresses, ObjectProvider<OrganizationMembers> organizations,
			ObjectProvider<SignIns> signIns, ApplicationEventPublisher events, Clock clock) {
		this.breaches = breaches;
		this.repository = repository;
		this.texts = texts;
		this.mailer = mailer;
		this.addresses = addresses;
		this.organizations = organizations;
		this.signIns = signIns;
		this.events = events;
		this.clock = clock;
	}

	public Outcome notifyPeople(AccountId actor, String id, Audience audience) {
		UUID breachId = Breaches.uuid(id);
		BreachRepository.Stored stored = repository.lock(breachId).orElseThrow(Breaches::notFound);
		Instant now = clock.instant();
		Breach breach = breaches.view(stored, now);
		if (!breach.highRisk()) {
			throw new Rejected(HttpStatus.CONFLICT, "highRisk", "People are told directly only of a breach likely to "
					+ "result in a high risk to them (Art. 34): mark the breach as high risk first.");
		}
		Chosen chosen = choose(audience, now);
		Set<AccountId> already = repository.notified(breachId);
		ContactAddresses directory = required(addresses.getIfAvailable());
		int notified = 0;
		int before = 0;
		int withoutAddress = 0;
		for (AccountId account : chosen.accounts()) {
			if (already.contains(account)) {
				before++;
				continue;
			}
			Optional<String> address = directory.emailOf(account);
			if (address.isEmpty()) {
				withoutAddress++;
				continue;
			}
			repository.insertNotice(breachId, account, now);
			mailer.send(texts.person(address.get(), breach));
			events.publishEvent(new PersonNotified(breachId, account, actor, now));
			notified++;
		}
		repository.touch(breachId, now);
		events.publishEvent(new PeopleNotified(breachId, chosen.by(), chosen.accounts().size(), notified, before,
				withoutAddress, actor, now));
		return new Outcome(chosen.accounts().size(), notified, before, withoutAddress);
	}

	@Transactional(readOnly = true)
	public List<Told> told(String id) {
		UUID breachId = Breaches.uuid(id);
		repository.find(breachId).orElseThrow(Breaches::notFound);
		return repository.notices(breachId, LIST_LIMIT).stream().map(notice -> new Told(
				notice.account() == null ? null : notice.account().toString(), notice.notifiedAt())).toList();
	}

	private record Chosen(String by, Set<AccountId> accounts) {
	}

	private Chosen choose(Audience audience, Instant now) {
		boolean byOrganization = audience.organizationId() != null && !audience.organizationId().isBlank();
		boolean byList = audience.accountIds() != null && !audience.accountIds().isEmpty();
		boolean byWindow = blank(audience.signedInFrom()) + blank(audience.signedInTo()) < 2;
		if ((byOrganization ? 1 : 0) + (byList ? 1 : 0) + (byWindow ? 1 : 0) != 1) {
			throw Rejected.badRequest("audience", "Choose the people one way: an organisation, a list of account ids, "
					+ "or a window in which their sign-in succeeded.");
		}
		if (byOrganization) {
			UUID organization = BreachInput.uuid(audience.organizationId().strip());
			if (organization == null) {
				throw Rejected.badRequest("organizationId", "An organisation id looks like 3f2b…-…, 36 characters.");
			}
			List<AccountId> members = required(organizations.getIfAvailable()).membersOf(organization)
					.orElseThrow(() -> Rejected.badRequest("organizationId", "There is no such organisation."));
			return new Chosen("organization", new LinkedHashSet<>(members));
		}
		if (byList) {
			return new Chosen("list", accounts(audience.accountIds()));
		}
		Instant from = BreachInput.instant("signedInFrom", audience.signedInFrom());
		Instant to = BreachInput.instant("signedInTo", audience.signedInTo());
		if (from == null) {
			throw Rejected.badRequest("signedInFrom", "Give the start of the window as well as its end.");
		}
		if (to == null) {
			throw Rejected.badRequest("signedInTo", "Give the end of the window as well as its start.");
		}
		if (!from.isBefore(to)) {
			throw Rejected.badRequest("signedInTo", "The end of the window must come after its start.");
		}
		if (to.isAfter(now)) {
			throw Rejected.badRequest("signedInTo", "The end of the window cannot be in the future.");
		}
		return new Chosen("sign-in-window", new LinkedHashSet<>(required(signIns.getIfAvailable()).succeededBetween(from, to)));
	}

	private static Set<AccountId> accounts(List<String> ids) {
		if (ids.size() > MAX_ACCOUNT_IDS) {
			throw Rejected.badRequest("accountIds", "Give at most " + MAX_ACCOUNT_IDS + " account ids at a time.");
		}
		Set<AccountId> accounts = new LinkedHashSet<>();
		List<Integer> bad = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			UUID id = BreachInput.uuid(ids.get(i) == null ? null : ids.get(i).strip());
			if (id == null) {
				bad.add(i + 1);
			}
			else {
				accounts.add(new AccountId(id));
			}
		}
		if (!bad.isEmpty()) {
			throw Rejected.badRequest("accountIds", "Entry " + bad.get(0) + (bad.size() > 1 ? " (and " + (bad.size() - 1)
					+ " more)" : "") + " is not an account id; an account id looks like 3f2b…-…, 36 characters.");
		}
		return accounts;
	}

	private static int blank(String value) {
		return value == null || value.isBlank() ? 1 : 0;
	}

	private static <T> T required(T service) {
		if (service == null) {
			throw new Rejected(HttpStatus.SERVICE_UNAVAILABLE, "The accounts cannot be looked up on this installation.");
		}
		return service;
	}
}
