package eu.pledge.patrol;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.protection.ProtectionProperties;
import eu.pledge.shared.AccountId;

/**
 * What Secure Patrol holds: detections (with the address and the account they concern) and per-key escalation
 * records, both ending {@code pledge.protection.record-lifetime} after they were written. The person sees the
 * detections that name their account and the escalation records keyed by it (which responses they brought);
 * erasure deletes both; the rule
 * {@code patrol-records} deletes what has ended.
 */
@Component
class PatrolData implements PersonalDataHolder, RetentionRule {

	/** One detection as the person concerned sees it. */
	record HeldDetection(String point, String appSensor, String address, String system, String detail,
			Instant occurredAt) {

		@Override
		public String toString() {
			return "HeldDetection[" + point + "]";
		}
	}

	private final DetectionRecords detections;
	private final Offenders offenders;
	private final Silences silences;
	private final ProtectionProperties protection;
	private final PatrolProperties properties;
	private final Clock clock;

	PatrolData(DetectionRecords detections, Offenders offenders, Silences silences, ProtectionProperties protection,
			PatrolProperties properties, Clock clock) {
		this.detections = detections;
		this.offenders = offenders;
		this.silences = silences;
		this.properties = properties;
		this.protection = protection;
		this.clock = clock;
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("ip-addresses", "table:patrol_detections", protection.recordLifetime()),
				new DataStore("ip-addresses", "table:patrol_offenders", protection.recordLifetime()),
				new DataStore("ip-addresses", "table:patrol_silences", protection.recordLifetime()));
	}

	/**
	 * A rule's record of attacks on the account: how often it answered and what that put in force (a step-up, ended
	 * sessions, an alert). The step-up itself, with its end, is in the sessions part of the export.
	 */
	record HeldEscalation(String rule, int answers, List<String> responses, Instant lastAnsweredOrSeenAt) {
	}

	@Override
	@Transactional(readOnly = true)
	public List<HeldItem> export(AccountId account) {
		Instant now = clock.instant();
		List<HeldItem> held = new java.util.ArrayList<>(detections.ofAccount(account, now).stream()
				.map(d -> new HeldItem("ip-addresses", "patrol-detection", new HeldDetection(d.point().id(),
						d.point().appSensor(), d.address(), d.system(), d.detail(), d.occurredAt()), d.expiresAt()))
				.toList());
		for (Offenders.Escalation escalation : offenders.ofKey(account.toString(), now)) {
			PatrolProperties.Rule rule = properties.rules().get(escalation.rule());
			List<String> responses = new java.util.ArrayList<>();
			for (int n = 1; n <= escalation.responses() && rule != null; n++) {
				responses.add(Responder.Answer.nth(rule.responses(), n).name().toLowerCase().replace('_', '-'));
			}
			held.add(new HeldItem("ip-addresses", "patrol-escalation", new HeldEscalation(escalation.rule(),
					escalation.responses(), responses, escalation.updatedAt()), escalation.expiresAt()));
		}
		return held;
	}

	@Override
	public void erase(AccountId account) {
		// The escalation records of the addresses the person's own detections came from name their address; the
		// detections of those addresses that name no account are nobody's to erase and end within the lifetime.
		List<String> addresses = detections.addressesOf(account);
		detections.erase(account);
		offenders.erase(account.toString());
		addresses.forEach(offenders::erase);
		silences.erase(account.toString());
	}

	@Override
	public String name() {
		return "patrol-records";
	}

	@Override
	public String category() {
		return "ip-addresses";
	}

	@Override
	public long sweep(Instant now) {
		return (long) detections.deleteExpired(now) + offenders.deleteExpired(now) + silences.deleteExpired(now);
	}
}
