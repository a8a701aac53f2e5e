package eu.pledge.privacy.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.spi.RetentionRule;

/**
 * The one scheduled sweeper: runs every {@link RetentionRule} bean, each under a lease in the shared database so
 * that of many nodes one runs a rule at a time, and records every run with its count in the audit trail. Rules
 * are idempotent and commit in batches, so a run that dies half-way is finished by the next one, on any node.
 */
@Component
public class RetentionSweeper {

	private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

	private final List<RetentionRule> rules;
	private final SweepLocks locks;
	private final PrivacyProperties properties;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final String node = "node-" + UUID.randomUUID();

	RetentionSweeper(List<RetentionRule> rules, SweepLocks locks, PrivacyProperties properties,
			ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.rules = List.copyOf(rules);
		this.locks = locks;
		this.properties = properties;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${pledge.privacy.sweep-interval:5m}", initialDelayString = "${pledge.privacy.sweep-initial-delay:1m}")
	void scheduled() {
		if (properties.sweeperEnabled()) {
			sweepDue();
		}
	}

	/**
	 * The scheduled run: every rule no node started within most of an interval (nodes' schedules drift
	 * apart, so the tenth left over keeps a node from skipping a rule another started a moment too late).
	 */
	Map<String, Long> sweepDue() {
		Duration interval = properties.sweepInterval();
		return sweepAll(clock.instant().minus(interval.minus(interval.dividedBy(10))));
	}

	/** Runs every rule this node can lease now; returns the count per rule it ran (rules another node holds are absent). */
	public Map<String, Long> sweepAll() {
		return sweepAll(null);
	}

	private Map<String, Long> sweepAll(Instant due) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (RetentionRule rule : rules) {
			Long count = sweep(rule, due);
			if (count != null) {
				counts.put(rule.name(), count);
			}
		}
		return counts;
	}

	List<RetentionRule> rules() {
		return rules;
	}

	/** Runs one rule if no other node holds it; null when another does or the rule failed. */
	Long sweep(RetentionRule rule) {
		return sweep(rule, null);
	}

	private Long sweep(RetentionRule rule, Instant due) {
		Instant now = clock.instant();
		if (!locks.acquire(rule.name(), node, now, properties.sweepLease(), due)) {
			return null;
		}
		Long count = null;
		try {
			count = rule.sweep(now);
			return count;
		}
		catch (RuntimeException failure) {
			// the rule's committed batches stay deleted; the next run continues from there
			log.warn("Retention rule {} failed: {}", rule.name(), failure.getClass().getName());
			return null;
		}
		finally {
			record(rule, count, now);
		}
	}

	private void record(RetentionRule rule, Long count, Instant started) {
		boolean completed = count != null;
		transactions.executeWithoutResult(status -> {
			events.publishEvent(new RetentionSwept(rule.name(), rule.category(), count, completed, clock.instant()));
			locks.finish(rule.name(), node, clock.instant(), count, completed ? "SUCCESS" : "FAILURE");
		});
		if (completed && count > 0) {
			log.info("Retention rule {} deleted {} items (run started {})", rule.name(), count, started);
		}
	}
}
