package eu.pledge.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * is replaced by one random pseudonym made for this erasure and kept nowhere, so the trail still shows what
 * one (unknown) account did, and nothing leads back to the person. Tamper evidence survives: before changing
 * anything the closed periods from the first affected one on are verified; if they are intact they are
 * recomputed over the pseudonymised events and re-signed with the vault's signing key (the same key that
 * sealed them), each linked to its predecessor's new digest. If the chain was already broken it is left
 * broken (no fresh signature launders earlier tampering) and a warning is logged. The erasure itself is
 * recorded by {@code AccountErased}, under yet another random id.
 */
@Component
@Transactional
class AuditData implements PersonalDataHolder {

	private static final Logger log = LoggerFactory.getLogger(AuditData.class);

	private final AuditEvents events;
	private final AuditPeriods periods;
	private final Chain chain;
	private final AuditProperties properties;

	AuditData(AuditEvents events, AuditPeriods periods, Chain chain, AuditProperties properties) {
		this.events = events;
		this.periods = periods;
		this.chain = chain;
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
		return List.of(new DataStore("audit-events", "table:audit_events", properties.retention()));
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
		List<AuditEvents.EventKey> named = events.namedInDetail(account.value());
		Instant oldest = events.firstAbout(account.value());
		LocalDate first = oldest == null ? null : properties.periodOf(oldest);
		for (AuditEvents.EventKey key : named) {
			first = first == null || key.period().isBefore(first) ? key.period() : first;
		}
		if (first == null) {
			return;
		}
		LocalDate from = first;
		boolean sealed = periods.latest().map(latest -> !latest.period().isBefore(from)).orElse(false);
		boolean intact = sealed && chain.intactFrom(from);
		events.pseudonymise(account.value(), UUID.randomUUID(), named);
		if (intact) {
			chain.resealFrom(from);
		}
		else if (sealed) {
			log.warn("Audit chain already failed verification from period {}; erasure pseudonymised events without re-sealing",
					from);
		}
	}

	/** The period is deleted as a whole once it ended {@code retention} ago (next maintenance run at the latest). */
	private Instant deletedBy(LocalDate period) {
		return properties.periodAfter(period).atStartOfDay(ZoneOffset.UTC).toInstant().plus(properties.retention())
				.plus(properties.maintenanceInterval());
	}
}
