package eu.pledge.privacy.breaches;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.RecordKey;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Vault;

/**
 * Breach records (Art. 33 GDPR): opened and changed by platform administrators (the routes say so), each shown
 * with the 72-hour clock to the supervisory authority. Every change is audited by field name, never by value.
 */
@Service
@Transactional
class Breaches {

	static final int LIST_LIMIT = 1000;

	private final BreachRepository repository;
	private final Vault vault;
	private final BreachProperties properties;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Breaches(BreachRepository repository, Vault vault, BreachProperties properties, ApplicationEventPublisher events,
			Clock clock) {
		this.repository = repository;
		this.vault = vault;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	public Breach record(AccountId actor, BreachForm form) {
		Instant now = clock.instant();
		Facts facts = Facts.none().with(form);
		if (facts.discoveredAt() == null) {
			throw Rejected.badRequest("discoveredAt", "Give when the breach was discovered: the 72 hours run from then.");
		}
		check(facts, now);
		UUID id = UUID.randomUUID();
		vault.createKey(key(id));
		repository.insert(sealed(id, facts, actor, now, now));
		events.publishEvent(new BreachRecorded(id, facts.highRisk(), actor, now));
		if (facts.authorityNotifiedAt() != null) {
			events.publishEvent(authorityNotified(id, facts, actor, now));
		}
		return view(repository.find(id).orElseThrow(), now);
	}

	public Breach update(AccountId actor, String id, BreachForm form) {
		BreachRepository.Stored current = repository.lock(uuid(id)).orElseThrow(Breaches::notFound);
		Instant now = clock.instant();
		Facts before = facts(current);
		Facts after = before.with(form);
		if (before.authorityNotifiedAt() != null && !before.authorityNotifiedAt().equals(after.authorityNotifiedAt())) {
			throw new Rejected(HttpStatus.CONFLICT, "authorityNotifiedAt",
					"The notification to the authority is already recorded; it cannot be changed or removed.");
		}
		check(after, now);
		List<String> changed = after.changedFrom(before);
		if (changed.isEmpty()) {
			return view(current, now);
		}
		repository.update(sealed(current.id(), after, current.recordedBy(), current.recordedAt(), now));
		events.publishEvent(new BreachUpdated(current.id(), changed, actor, now));
		if (before.authorityNotifiedAt() == null && after.authorityNotifiedAt() != null) {
			events.publishEvent(authorityNotified(current.id(), after, actor, now));
		}
		return view(repository.find(current.id()).orElseThrow(), now);
	}

	@Transactional(readOnly = true)
	public List<Breach> list() {
		Instant now = clock.instant();
		return repository.all(LIST_LIMIT).stream().map(stored -> view(stored, now)).toList();
	}

	@Transactional(readOnly = true)
	public Breach find(String id) {
		return view(repository.find(uuid(id)).orElseThrow(Breaches::notFound), clock.instant());
	}

	/** Deletes one record, who was told of it and its key (retention). */
	void delete(UUID id) {
		repository.delete(id);
		vault.destroy(key(id));
	}

	private void check(Facts facts, Instant now) {
		if (facts.discoveredAt() == null) {
			throw Rejected.badRequest("discoveredAt", "The moment of discovery cannot be removed.");
		}
		if (facts.discoveredAt().isAfter(now)) {
			throw Rejected.badRequest("discoveredAt", "The moment of discovery cannot be in the future.");
		}
		if (facts.discoveredAt().isBefore(now.minus(Duration.ofDays(5 * 366)))) {
			throw Rejected.badRequest("discoveredAt", "The moment of discovery is more than five years ago; check the date.");
		}
		if (facts.summary() == null) {
			throw Rejected.badRequest("summary", "Say what happened: the nature of the breach.");
		}
		Instant notified = facts.authorityNotifiedAt();
		if (notified != null) {
			if (notified.isAfter(now)) {
				throw Rejected.badRequest("authorityNotifiedAt", "The notification to the authority cannot be in the future.");
			}
			if (notified.isBefore(facts.discoveredAt())) {
				throw Rejected.badRequest("authorityNotifiedAt", "The authority cannot have been notified before the "
						+ "breach was discovered.");
			}
			if (late(facts) && facts.delayReason() == null) {
				throw Rejected.badRequest("delayReason", "The authority was notified more than 72 hours after discovery: "
						+ "give the reasons for the delay (Art. 33(1)).");
			}
			if (facts.noNotificationReason() != null) {
				throw Rejected.badRequest("noNotificationReason", "The authority was notified: remove the reason for not "
						+ "notifying it.");
			}
		}
		if (facts.highRisk() && facts.noNotificationReason() != null) {
			throw Rejected.badRequest("noNotificationReason", "A breach likely to result in a high risk to people must be "
					+ "notified to the authority.");
		}
	}

	private static boolean late(Facts facts) {
		return facts.authorityNotifiedAt() != null
				&& facts.authorityNotifiedAt().isAfter(facts.discoveredAt().plus(BreachProperties.AUTHORITY_DEADLINE));
	}

	private static AuthorityNotified authorityNotified(UUID id, Facts facts, AccountId actor, Instant now) {
		return new AuthorityNotified(id, facts.authorityNotifiedAt(), late(facts), actor, now);
	}

	private BreachRepository.Stored sealed(UUID id, Facts facts, AccountId recordedBy, Instant recordedAt, Instant now) {
		RecordKey key = key(id);
		return new BreachRepository.Stored(id, facts.discoveredAt(), seal(key, "summary", facts.summary()),
				seal(key, "data-categories", facts.dataCategories()),
				seal(key, "subject-categories", facts.subjectCategories()), facts.approximateSubjects(),
				seal(key, "consequences", facts.consequences()), seal(key, "measures", facts.measures()),
				facts.highRisk(), facts.authorityNotifiedAt(), seal(key, "delay-reason", facts.delayReason()),
				seal(key, "no-notification-reason", facts.noNotificationReason()), recordedBy, recordedAt, now, 0);
	}

	Facts facts(BreachRepository.Stored stored) {
		RecordKey key = key(stored.id());
		return new Facts(stored.discoveredAt(), open(key, "summary", stored.summarySealed()),
				open(key, "data-categories", stored.dataSealed()), open(key, "subject-categories", stored.subjectsSealed()),
				stored.approximateSubjects(), open(key, "consequences", stored.consequencesSealed()),
				open(key, "measures", stored.measuresSealed()), stored.highRisk(), stored.authorityNotifiedAt(),
				open(key, "delay-reason", stored.delaySealed()),
				open(key, "no-notification-reason", stored.noNotificationSealed()));
	}

	Breach view(BreachRepository.Stored stored, Instant now) {
		Facts facts = facts(stored);
		Instant due = stored.discoveredAt().plus(BreachProperties.AUTHORITY_DEADLINE);
		return new Breach(stored.id(), stored.discoveredAt(), facts.summary(), facts.dataCategories(),
				facts.subjectCategories(), facts.approximateSubjects(), facts.consequences(), facts.measures(),
				facts.highRisk(), facts.authorityNotifiedAt(), facts.delayReason(), facts.noNotificationReason(), due,
				urgency(facts, due, now), stored.notified(), stored.recordedBy(), stored.recordedAt(), stored.updatedAt());
	}

	private Breach.Urgency urgency(Facts facts, Instant due, Instant now) {
		if (facts.authorityNotifiedAt() != null) {
			return Breach.Urgency.NOTIFIED;
		}
		if (facts.noNotificationReason() != null) {
			return Breach.Urgency.NOT_REQUIRED;
		}
		if (now.isAfter(due)) {
			return Breach.Urgency.OVERDUE;
		}
		return now.until(due, ChronoUnit.SECONDS) <= properties.breachDueSoon().toSeconds() ? Breach.Urgency.DUE_SOON
				: Breach.Urgency.ON_TIME;
	}

	private String seal(RecordKey key, String field, String text) {
		return text == null ? null : vault.seal(key, field, text);
	}

	private String open(RecordKey key, String field, String sealed) {
		if (sealed == null) {
			return null;
		}
		try {
			return vault.open(key, field, sealed);
		}
		catch (Vault.KeyDestroyedException ex) {
			return null;
		}
	}

	static UUID uuid(String id) {
		return BreachInput.uuid(id);
	}

	/** The vault key of one breach record: its own (breaches are not accounts). */
	static RecordKey key(UUID breach) {
		return new RecordKey(breach);
	}

	static Rejected notFound() {
		return new Rejected(HttpStatus.NOT_FOUND, "There is no such breach record.");
	}
}
