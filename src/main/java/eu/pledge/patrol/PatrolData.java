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
 * detections that name their account; erasure deletes them and the account's escalation records; the rule
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
	private final Clock clock;

	PatrolData(DetectionRecords detections, Offenders offenders, Silences silences, ProtectionProperties protection,
			Clock clock) {
		this.detections = detections;
		this.offenders = offenders;
		this.silences = silences;
		this.protection = protection;
		this.clock = clock;
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("ip-addresses", "table:patrol_detections", protection.recordLifetime()),
				new DataStore("ip-addresses", "table:patrol_offenders", protection.recordLifetime()),
				new DataStore("ip-addresses", "table:patrol_silences", protection.recordLifetime()));
	}

	@Override
	@Transactional(readOnly = true)
	public List<HeldItem> export(AccountId account) {
		return detections.ofAccount(account, clock.instant()).stream()
				.map(d -> new HeldItem("ip-addresses", "patrol-detection", new HeldDetection(d.point().id(),
						d.point().appSensor(), d.address(), d.system(), d.detail(), d.occurredAt()), d.expiresAt()))
				.toList();
	}

	@Override
	public void erase(AccountId account) {
		detections.erase(account);
		offenders.erase(account.toString());
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
