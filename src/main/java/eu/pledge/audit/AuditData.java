package eu.pledge.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;

/**
 * The audit trail's part in the rights. Access and portability: every event the person did, was the target
 * of, or that names them in its detail; who else acted is shown only as "another account".
 * <p>
 * Erasure keeps the record and loses the person: every occurrence of the account id (actor, target, detail)
 * is replaced by the account's sealed pseudonym, and the one mapping from the id to that pseudonym is deleted,
 * so the trail still shows what one (unknown) account did, and nothing leads back to the person. Tamper
 * evidence survives untouched: the closed periods' digests already cover the pseudonym, not the id (see
 * {@link Chain}), so no period's digest changes and no period is re-signed; the cost is the person's rows, not
 * the size of the trail. The checkpoints of the open periods ({@link Checkpoints}) cover rows as stored: those
 * covering the person's rows are verified before and signed again after. The erasure itself is recorded by
 * {@code AccountErased}, under yet another random id.
 */
@Component
@Transactional
class AuditData implements PersonalDataHolder {

	private final AuditEvents events;
	private final AuditSubjects subjects;
	private final Checkpoints checkpoints;
	private final AuditProperties properties;

	AuditData(AuditEvents events, AuditSubjects subjects, Checkpoints checkpoints,
			AuditProperties properties) {
		this.events = events;
		this.subjects = subjects;
		this.checkpoints = checkpoints;
		this.properties = properties;
	}

	/**
	 * One event about the person.
	 *
	 * @param actor {@code you}, {@code system} or {@code another account}
	 * @param target {@code you}, or the type and id of what was acted on (an organisation, a contract)
	 */
	record EventData(long id, Instant occurredAt, String action, String actor, String target, String outcome,
			Map<String, String> detail) {
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("audit-events", "table:audit_events", properties.retention()),
				// The id-to-pseudonym mapping goes with the last retained period that names the id, or with the
				// account's erasure, whichever comes first.
				new DataStore("audit-events", "table:audit_subjects", properties.retention()));
	}

	@Override
	@Transactional(readOnly = true)
	public List<HeldItem> export(AccountId account) {
		UUID me = account.value();
		String mine = me.toString();
		return events.about(me).stream().map(event -> new HeldItem("audit-events", "audit-event",
				new EventData(event.id(), event.occurredAt(), event.action(),
						event.actor() == null ? "system" : event.actor().equals(me) ? "you" : "another account",
						mine.equals(event.targetId()) ? "you"
								: event.targetType() == null ? null
										: event.targetType() + (event.targetId() == null ? "" : ":" + event.targetId()),
						event.outcome().toLowerCase(java.util.Locale.ROOT), AuditEvents.detail(event.detail())),
				deletedBy(event.period()))).toList();
	}

	@Override
	public void erase(AccountId account) {
		String id = account.value().toString();
		subjects.lock();
		UUID pseudonym = subjects.pseudonymOf(id).orElseGet(AuditSubjects::newPseudonym);
		// The open periods' checkpoints cover the rows as stored: those that verify now are signed again after.
		List<Checkpoints.Header> covering = checkpoints.coveringIntact(account.value());
		events.pseudonymise(account.value(), pseudonym);
		checkpoints.reseal(covering);
		subjects.forget(id);
	}

	/** The period is deleted as a whole once it ended {@code retention} ago (next maintenance run at the latest). */
	private Instant deletedBy(LocalDate period) {
		return properties.periodAfter(period).atStartOfDay(ZoneOffset.UTC).toInstant().plus(properties.retention())
				.plus(properties.maintenanceInterval());
	}
}
