package eu.pledge.privacy.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.TestHolders;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.MutableClock;
import eu.pledge.testing.TestClockConfiguration;

/**
 * How the sweeper runs rules: leases between nodes, failures, one published {@code RetentionSwept} per run. The
 * privacy module alone, with planted rules: the other modules' rules and the audit row each run becomes are
 * covered with the whole application in {@link RetentionSweeperTests}.
 */
@ApplicationModuleTest
@ActiveProfiles("test")
@Import({ TestClockConfiguration.class, TestHolders.class, SweeperRunsTests.Planted.class })
class SweeperRunsTests {

	@Autowired
	RetentionSweeper sweeper;

	@Autowired
	SweepLocks locks;

	@Autowired
	MutableClock clock;

	@Autowired
	PlantedRule planted;

	@Autowired
	TestHolders.FlakyRule flaky;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void forgetTheLeases() {
		flaky.failing = false;
		// the rules' last runs and leases would otherwise hold the next test's runs back
		jdbc.sql("UPDATE privacy_sweep_locks SET owner = NULL, lease_until = NULL, last_started_at = NULL").update();
	}

	@Test
	void publishesEachRunOfARuleWithWhatItDeleted(Scenario scenario) {
		planted.items.set(3);

		scenario.stimulate(sweepAll()).andWaitForEventOfType(RetentionSwept.class)
				.matching(run -> run.rule().equals(PlantedRule.NAME)).toArriveAndVerify((run, counts) -> {
					assertThat(run.count()).isEqualTo(3);
					assertThat(run.completed()).isTrue();
					assertThat(counts).containsEntry(PlantedRule.NAME, 3L);
				});
		assertThat(sweeper.sweepAll()).as("idempotent").containsEntry(PlantedRule.NAME, 0L);
	}

	@Test
	void aRuleLeasedByAnotherNodeIsNotRunUntilTheLeaseExpires(Scenario scenario) {
		planted.items.set(1);
		assertThat(locks.acquire(PlantedRule.NAME, "another-node", clock.instant(), Duration.ofMinutes(10))).isTrue();

		assertThat(sweeper.sweepAll()).doesNotContainKey(PlantedRule.NAME).containsKey("test-flaky");
		assertThat(planted.items).hasValue(1);

		clock.advance(Duration.ofMinutes(11)); // the other node crashed: its lease runs out
		scenario.stimulate(sweepAll()).andWaitForEventOfType(RetentionSwept.class)
				.matching(run -> run.rule().equals(PlantedRule.NAME))
				.toArriveAndVerify(run -> assertThat(run.count()).isEqualTo(1));
		assertThat(planted.items).hasValue(0);
	}

	@Test
	void aFailingRuleIsPublishedAsAFailureAndTheOthersStillRun(Scenario scenario) {
		flaky.failing = true;

		scenario.stimulate(sweepAll()).andWaitForEventOfType(RetentionSwept.class)
				.matching(run -> run.rule().equals("test-flaky")).toArriveAndVerify((run, counts) -> {
					assertThat(run.completed()).isFalse();
					assertThat(run.count()).isNull();
					assertThat(counts).doesNotContainKey("test-flaky").containsKey(PlantedRule.NAME);
				});
		assertThat(locks.lastRuns()).anySatisfy(last -> {
			assertThat(last.rule()).isEqualTo("test-flaky");
			assertThat(last.outcome()).isEqualTo("FAILURE");
		});
	}

	@Autowired
	java.util.List<RetentionRule> rules;

	@Autowired
	PrivacyProperties properties;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void twoNodesOnTheirOwnSchedulesRunEachRuleOncePerInterval() throws Exception {
		RetentionSweeper otherNode = new RetentionSweeper(rules, locks, properties, events, transactions, clock);
		planted.runs.set(0);
		clock.advance(properties.sweepInterval()); // nothing ran within the last interval

		AtOnce.run(2, i -> (i == 0 ? sweeper : otherNode)::sweepDue);
		assertThat(planted.runs.get()).isEqualTo(1);

		clock.advance(properties.sweepInterval().dividedBy(2)); // the other node's schedule comes half an interval later
		assertThat(otherNode.sweepDue()).doesNotContainKey(PlantedRule.NAME);
		assertThat(planted.runs.get()).isEqualTo(1);

		clock.advance(properties.sweepInterval().dividedBy(2));
		assertThat(otherNode.sweepDue()).containsKey(PlantedRule.NAME);
		assertThat(sweeper.sweepDue()).doesNotContainKey(PlantedRule.NAME);
		assertThat(planted.runs.get()).isEqualTo(2);
	}

	/** Sweeps outside a transaction, as the schedule does: each rule's run commits on its own. */
	private Function<TransactionOperations, Map<String, Long>> sweepAll() {
		return transactions -> sweeper.sweepAll();
	}

	/** A rule over items a test plants: it deletes them all and says how many. */
	static final class PlantedRule implements RetentionRule {

		static final String NAME = "test-planted";

		final AtomicLong items = new AtomicLong();

		/** Counted by the rule, not from the published events: those are captured on the test's thread only. */
		final AtomicInteger runs = new AtomicInteger();

		@Override
		public String name() {
			return NAME;
		}

		@Override
		public String category() {
			return "identity";
		}

		@Override
		public long sweep(Instant now) {
			runs.incrementAndGet();
			return items.getAndSet(0);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Planted {

		@Bean
		PlantedRule plantedRule() {
			return new PlantedRule();
		}
	}
}
