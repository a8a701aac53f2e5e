package eu.pledge.privacy.breaches;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.privacy.spi.BatchedSweep;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.shared.AccountId;

/**
 * Breach records as personal data: who was told of which breach (account ids) and the free texts (sealed), what a
 * person gets in their export, what erasure does, and the retention rule {@code breach-records} that deletes a
 * record {@code pledge.privacy.breach-retention} after its last change.
 */
@Component
class BreachRecords implements PersonalDataHolder, RetentionRule {

	static final String CATEGORY = "breach-records";
	private static final int BATCH = 100;

	/** One breach a person was told of, in their export (stable field names). */
	record ToldOfBreach(UUID breach, String notifiedAt) {
	}

	private final Breaches breaches;
	private final BreachRepository repository;
	private final BreachProperties properties;
	private final BatchedSweep batches;
	private final java.time.Clock clock;

	BreachRecords(Breaches breaches, BreachRepository repository, BreachProperties properties,
			PlatformTransactionManager transactions, java.time.Clock clock) {
		this.breaches = breaches;
		this.repository = repository;
		this.properties = properties;
		this.batches = new BatchedSweep(transactions);
		this.clock = clock;
	}

	@Override
	public List<DataStore> describe() {
		java.time.Duration retention = properties.retentionAt(clock.instant());
		return List.of(new DataStore(CATEGORY, "table:privacy_breaches", retention),
				new DataStore(CATEGORY, "table:privacy_breach_notices", retention));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		return repository.noticesOf(account).stream().map(notice -> new HeldItem(CATEGORY, "breach-notice",
				new ToldOfBreach(notice.breach(), notice.notifiedAt().toString()),
				repository.find(notice.breach()).map(breach -> breach.updatedAt()
						.atZone(java.time.ZoneOffset.UTC).plus(properties.breachRetention()).toInstant()).orElse(null)))
				.toList();
	}

	/**
	 * Keeps the fact that someone was told, without the account: the vendor must still be able to show how many
	 * people it told of a breach, and nothing else about them is stored here.
	 */
	@Override
	public void erase(AccountId account) {
		repository.forget(account);
	}

	@Override
	public String name() {
		return CATEGORY;
	}

	@Override
	public String category() {
		return CATEGORY;
	}

	@Override
	public long sweep(Instant now) {
		Instant cutoff = properties.retentionCutoff(now);
		return batches.run(BATCH, size -> {
			List<UUID> expired = repository.changedBefore(cutoff, size);
			expired.forEach(breaches::delete);
			return BatchedSweep.Batch.of(expired.size());
		});
	}
}
