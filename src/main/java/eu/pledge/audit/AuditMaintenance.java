package eu.pledge.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.privacy.spi.BatchedSweep;

/**
 * The audit trail's scheduled duties, in the order they depend on each other: partitions for the periods to
 * come, the one-time re-sealing of periods closed in the old form, digests for the periods that ended (and the
 * chain's head that names the newest, {@link ChainHead}).
 * Deleting the periods past retention is a retention rule ({@link AuditRetention}) the privacy module's sweeper
 * runs and records. Every node runs this; doing what
 * another node just did is harmless.
 */
@Component
class AuditMaintenance implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AuditMaintenance.class);

	private static final String DEFAULT_PARTITION = "audit_events_default";
	private static final String TABLE = "audit_events";

	private final Partitions partitions;
	private final Chain chain;
	private final AuditEvents events;
	private final AuditPeriods periods;
	private final Checkpoints checkpoints;
	private final AuditProperties properties;
	private final Clock clock;
	private final BatchedSweep batches;

	AuditMaintenance(Partitions partitions, Chain chain, AuditEvents events, AuditPeriods periods,
			Checkpoints checkpoints, AuditProperties properties, Clock clock, PlatformTransactionManager transactions) {
		this.batches = new BatchedSweep(transactions);
		this.checkpoints = checkpoints;
		this.partitions = partitions;
		this.chain = chain;
		this.events = events;
		this.periods = periods;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The partitions of the current period and those ahead exist before the web server accepts a request (the
	 * first rows of a fresh installation would otherwise land in the default partition); everything else waits
	 * for the first scheduled run, one interval after the start.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		partitions.createAhead(properties.periodOf(clock.instant()));
	}

	@Scheduled(fixedDelayString = "${pledge.audit.maintenance-interval:5m}",
			initialDelayString = "${pledge.audit.maintenance-interval:5m}")
	void run() {
		Instant now = clock.instant();
		partitions.createAhead(properties.periodOf(now));
		chain.closeEndedPeriods();
	}

	/** Seals the open periods' new events ({@link Checkpoints}); every node runs it, they take turns. */
	@Scheduled(fixedDelayString = "${pledge.audit.checkpoint-interval:1m}",
			initialDelayString = "${pledge.audit.checkpoint-interval:1m}")
	int checkpoint() {
		return checkpoints.checkpoint();
	}

	/**
	 * Deletes every period that ended more than the retention ago, whole: its period row first (so a crash
	 * half-way leaves events nobody verifies, never a period whose events are missing), then its events. The
	 * oldest period kept still names its deleted predecessor's digest, which anchors the chain.
	 */
	long applyRetention() {
		return applyRetention(clock.instant());
	}

	long applyRetention(Instant now) {
		LocalDate before = properties.firstRetainedPeriod(now);
		checkpoints.deleteBefore(before);
		int periodRows = periods.deleteBefore(before);
		int dropped = partitions.dropBefore(before);
		String table = partitions.enabled() ? DEFAULT_PARTITION : TABLE;
		long deleted = batches.run(properties.deleteBatch(),
				size -> BatchedSweep.Batch.of(events.deleteBatch(table, before, size)));
		int forgotten = chain.forgetSubjectsNamedOnlyBefore(before);
		if (periodRows > 0 || dropped > 0 || deleted > 0 || forgotten > 0) {
			log.info("Audit retention: deleted {} periods before {} ({} partitions dropped, {} rows deleted one by one, "
					+ "{} sealed pseudonyms no retained period needs)", periodRows, before, dropped, deleted, forgotten);
		}
		return deleted;
	}
}
